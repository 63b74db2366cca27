package dev.kindeprops.bench;

/**
 * One benchmark figure beside its goal: a measured value, and either a baseline measured in the
 * same run (the goal is then a ratio to it) or none (the goal is then the value itself).
 *
 * @param name what was measured, such as {@code plan 10,000 apps, JSON to stdout}
 * @param value the measured value
 * @param unit the unit of {@code value} and {@code baselineValue}, such as {@code s} or {@code MiB}
 * @param baseline what the value is compared with, or null for an absolute goal
 * @param baselineValue the baseline's value in the same run (ignored without a baseline)
 * @param goal the most the ratio (or, without a baseline, the value) may be
 */
record Figure(
    String name, double value, String unit, String baseline, double baselineValue, double goal) {

  /** A figure whose goal is a ratio to a baseline measured in the same run. */
  static Figure ratio(
      String name, double value, String unit, String baseline, double baselineValue, double goal) {
    return new Figure(name, value, unit, baseline, baselineValue, goal);
  }

  /** A figure whose goal bounds the value itself. */
  static Figure absolute(String name, double value, String unit, double goal) {
    return new Figure(name, value, unit, null, Double.NaN, goal);
  }

  /** The value divided by the baseline's, or the value itself without a baseline. */
  double compared() {
    return baseline == null ? value : value / baselineValue;
  }

  boolean met() {
    return compared() <= goal;
  }
}
