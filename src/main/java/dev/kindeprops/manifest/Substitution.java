package dev.kindeprops.manifest;

import dev.kindeprops.model.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands <code>${env:NAME}</code> and <code>${var:NAME}</code> in a scalar value; <code>$${</code>
 * is a literal <code>${</code>. Anything else after <code>${</code> is an error, so that a typo
 * never reaches Kinde.
 */
final class Substitution {
  /** What a variable name may be: letters, digits, '_', '.' and '-', not starting with a digit. */
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final Map<String, String> env;
  private final Map<String, String> vars;

  Substitution(Map<String, String> env, Map<String, String> vars) {
    this.env = env;
    this.vars = vars;
  }

  /** The text with every reference expanded, or the problems that kept it from expanding. */
  record Expanded(String text, List<String> problems) {
    boolean ok() {
      return problems.isEmpty();
    }
  }

  Expanded expand(String text) {
    if (text.indexOf('$') < 0) {
      return new Expanded(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length());
    List<String> problems = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          problems.add("'${' without a closing '}'; write '$${' for a literal '${'");
          break;
        }
        String reference = text.substring(i + 2, end);
        String value = resolve(reference, problems);
        out.append(value == null ? "" : value);
        i = end + 1;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return new Expanded(out.toString(), List.copyOf(problems));
  }

  private String resolve(String reference, List<String> problems) {
    int colon = reference.indexOf(':');
    String source = colon < 0 ? "" : reference.substring(0, colon);
    String name = colon < 0 ? reference : reference.substring(colon + 1);
    if (!source.equals("env") && !source.equals("var")) {
      problems.add(
          "'${"
              + reference
              + "}' is not a substitution; use ${env:NAME} or ${var:NAME}, or '$${' for a"
              + " literal '${'");
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      problems.add(
          "'${"
              + reference
              + "}' has no valid variable name (letters, digits, '_', '.', '-'; not starting"
              + " with a digit)");
      return null;
    }
    if (source.equals("env")) {
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        problems.add("environment variable " + name + " is not set (in ${env:" + name + "})");
        return null;
      }
      String problem =
          StorableText.problem("environment variable " + name + " (in ${env:" + name + "})", value);
      if (problem != null) {
        problems.add(problem);
        return null;
      }
      return value;
    }
    String value = vars.get(name);
    if (value == null) {
      problems.add(
          "variable "
              + name
              + " is not defined (in ${var:"
              + name
              + "}); give it with --var "
              + name
              + "=VALUE or in a --var-file");
      return null;
    }
    return value;
  }
}
