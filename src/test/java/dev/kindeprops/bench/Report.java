package dev.kindeprops.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run of {@link Benchmarks}, printed as a table with each figure beside its
 * goal; later benchmarks may use earlier figures as their baseline.
 */
final class Report {
  private final List<Figure> figures = new ArrayList<>();

  void add(Figure figure) {
    figures.add(figure);
  }

  List<Figure> figures() {
    return List.copyOf(figures);
  }

  /** The table: figure, measured, baseline, ratio (or value) and goal, and whether it is met. */
  String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"figure", "measured", "baseline (same run)", "ratio", "goal", ""});
    for (Figure f : figures) {
      boolean ratio = f.baseline() != null;
      rows.add(
          new String[] {
            f.name(),
            amount(f.value(), f.unit()),
            ratio ? f.baseline() + " " + amount(f.baselineValue(), f.unit()) : "-",
            ratio ? format("%.2fx", f.compared()) : "-",
            ratio ? format("<= %.2fx", f.goal()) : "<= " + amount(f.goal(), f.unit()),
            f.met() ? "met" : "NOT MET"
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString();
  }

  private static String amount(double value, String unit) {
    return format(value >= 100 ? "%.0f %s" : "%.2f %s", value, unit);
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
