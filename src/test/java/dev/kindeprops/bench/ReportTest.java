package dev.kindeprops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void aRatioFigureComparesItsValueWithItsBaseline() {
    Figure figure = Figure.ratio("plan", 3.0, "s", "parse-only", 2.0, 1.5);

    assertThat(figure.compared()).isEqualTo(1.5);
    assertThat(figure.met()).isTrue();
    assertThat(Figure.ratio("plan", 3.1, "s", "parse-only", 2.0, 1.5).met()).isFalse();
  }

  @Test
  void anAbsoluteFigureComparesItsValueWithTheGoal() {
    assertThat(Figure.absolute("peak RSS", 600, "MiB", 512).compared()).isEqualTo(600);
    assertThat(Figure.absolute("peak RSS", 600, "MiB", 512).met()).isFalse();
    assertThat(Figure.absolute("peak RSS", 512, "MiB", 512).met()).isTrue();
  }

  @Test
  void theTablePrintsEachFigureBesideItsGoalInAlignedColumns() {
    Report report = new Report();
    report.add(Figure.ratio("validate", 0.21, "s", "hello world", 0.042, 8));
    report.add(Figure.absolute("peak RSS, plan --out", 323.4, "MiB", 512));
    report.add(Figure.ratio("plan 50,000 apps", 40, "s", "linear", 25, 1.25));

    assertThat(report.table())
        .isEqualTo(
            """
            figure                measured  baseline (same run)  ratio  goal
            validate              0.21 s    hello world 0.04 s   5.00x  <= 8.00x    met
            peak RSS, plan --out  323 MiB   -                    -      <= 512 MiB  met
            plan 50,000 apps      40.00 s   linear 25.00 s       1.60x  <= 1.25x    NOT MET
            """);
  }
}
