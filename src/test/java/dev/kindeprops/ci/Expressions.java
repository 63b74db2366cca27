package dev.kindeprops.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions' expressions, as far as the workflows here use them: literals, context paths
 * ({@code steps.run.outputs.exit-code}, {@code secrets[format('X_{0}', matrix.name)]}), {@code !},
 * {@code ==}, {@code !=}, {@code &&}, {@code ||}, parentheses, the status functions and {@code
 * format}, {@code contains} and {@code startsWith}. As on GitHub, property names and string
 * comparisons ignore case, {@code &&} and {@code ||} give one of their operands, and a missing
 * property is null. Anything else is refused, so a workflow cannot use what the tests do not run.
 */
final class Expressions {
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
  private static final Pattern STATUS =
      Pattern.compile("\\b(?:success|failure|always|cancelled)\\(");
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(?:(?<string>'(?:[^']|'')*')|(?<number>-?[0-9]+(?:\\.[0-9]+)?)"
              + "|(?<name>[A-Za-z_][A-Za-z0-9_-]*)|(?<op>==|!=|&&|\\|\\||[!().,\\[\\]]))");

  /** The job's contexts, and whether it has failed so far (for the status functions). */
  private final Map<String, Object> contexts;

  private final BooleanSupplier failed;

  Expressions(Map<String, Object> contexts, BooleanSupplier failed) {
    this.contexts = contexts;
    this.failed = failed;
  }

  /** {@code text} with each {@code ${{ expression }}} replaced by its value as a string. */
  String interpolate(Object text) {
    if (text == null) {
      return "";
    }
    Matcher matcher = INTERPOLATION.matcher(text.toString());
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(string(evaluate(matcher.group(1)))));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Whether a step or job with this {@code if:} runs; none means {@code success()}. */
  boolean condition(Object condition) {
    String text = condition == null ? "success()" : condition.toString().trim();
    Matcher wrapped = INTERPOLATION.matcher(text);
    if (wrapped.matches()) {
      text = wrapped.group(1);
    }
    if (!STATUS.matcher(text).find()) {
      text = "success() && (" + text + ")";
    }
    return truthy(evaluate(text));
  }

  Object evaluate(String expression) {
    Parser parser = new Parser(expression);
    Object value = parser.or();
    if (parser.peek() != null) {
      throw new AssertionError("unexpected '" + parser.peek() + "' in: " + expression);
    }
    return value;
  }

  static boolean truthy(Object value) {
    if (value == null || Boolean.FALSE.equals(value) || "".equals(value)) {
      return false;
    }
    return !(value instanceof Double number) || (number != 0 && !number.isNaN());
  }

  static String string(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double number && number == Math.rint(number)) {
      return Long.toString(number.longValue());
    }
    return value.toString();
  }

  private static boolean equal(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return x.equalsIgnoreCase(y);
    }
    if (a == null && b == null) {
      return true;
    }
    // Values of different types compare as numbers: null and '' are both 0.
    return number(a) == number(b);
  }

  private static double number(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return Double.NaN;
    }
    if (value instanceof Double number) {
      return number;
    }
    if (value instanceof Boolean flag) {
      return flag ? 1 : 0;
    }
    String text = value.toString().trim();
    try {
      return text.isEmpty() ? 0 : Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A property of a map, found without regard to case; null for anything else. */
  private static Object property(Object object, String name) {
    if (!(object instanceof Map<?, ?> map)) {
      return null;
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getKey().toString().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private final class Parser {
    private final String source;
    private final List<String> tokens = new ArrayList<>();
    private int next;

    Parser(String source) {
      this.source = source;
      Matcher matcher = TOKEN.matcher(source);
      int at = 0;
      while (at < source.length() && !source.substring(at).isBlank()) {
        if (!matcher.find(at) || matcher.start() != at) {
          throw new AssertionError("the runner cannot read '" + source.substring(at) + "'");
        }
        tokens.add(matcher.group().trim());
        at = matcher.end();
      }
    }

    String peek() {
      return next < tokens.size() ? tokens.get(next) : null;
    }

    private void expect(String token) {
      if (!token.equals(peek())) {
        throw new AssertionError("expected '" + token + "' in: " + source);
      }
      next++;
    }

    Object or() {
      Object left = and();
      while ("||".equals(peek())) {
        next++;
        Object right = and();
        left = truthy(left) ? left : right;
      }
      return left;
    }

    private Object and() {
      Object left = equality();
      while ("&&".equals(peek())) {
        next++;
        Object right = equality();
        left = truthy(left) ? right : left;
      }
      return left;
    }

    private Object equality() {
      Object left = unary();
      while ("==".equals(peek()) || "!=".equals(peek())) {
        boolean equals = tokens.get(next++).equals("==");
        left = equal(left, unary()) == equals;
      }
      return left;
    }

    private Object unary() {
      if ("!".equals(peek())) {
        next++;
        return !truthy(unary());
      }
      Object value = primary();
      while (".".equals(peek()) || "[".equals(peek())) {
        if (tokens.get(next++).equals(".")) {
          value = property(value, tokens.get(next++));
        } else {
          Object key = or();
          expect("]");
          value = property(value, string(key));
        }
      }
      return value;
    }

    private Object primary() {
      String token = tokens.get(next++);
      if (token.equals("(")) {
        Object value = or();
        expect(")");
        return value;
      }
      if (token.startsWith("'")) {
        return token.substring(1, token.length() - 1).replace("''", "'");
      }
      if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '-') {
        return Double.parseDouble(token);
      }
      switch (token) {
        case "true":
          return true;
        case "false":
          return false;
        case "null":
          return null;
        default:
          break;
      }
      if ("(".equals(peek())) {
        next++;
        List<Object> arguments = new ArrayList<>();
        while (!")".equals(peek())) {
          arguments.add(or());
          if (",".equals(peek())) {
            next++;
          }
        }
        next++;
        return call(token.toLowerCase(Locale.ROOT), arguments);
      }
      return property(contexts, token);
    }

    private Object call(String function, List<Object> arguments) {
      return switch (function) {
        case "success" -> !failed.getAsBoolean();
        case "failure" -> failed.getAsBoolean();
        case "always" -> true;
        case "cancelled" -> false;
        case "contains" ->
            string(arguments.get(0))
                .toLowerCase(Locale.ROOT)
                .contains(string(arguments.get(1)).toLowerCase(Locale.ROOT));
        case "startswith" ->
            string(arguments.get(0))
                .toLowerCase(Locale.ROOT)
                .startsWith(string(arguments.get(1)).toLowerCase(Locale.ROOT));
        case "format" -> {
          String text = string(arguments.get(0));
          for (int i = 1; i < arguments.size(); i++) {
            text = text.replace("{" + (i - 1) + "}", string(arguments.get(i)));
          }
          yield text;
        }
        default -> throw new AssertionError("the runner has no function " + function + "()");
      };
    }
  }
}
