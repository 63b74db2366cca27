package dev.kindeprops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.diag.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {
  private final List<Diagnostic> diagnostics =
      List.of(
          Diagnostic.error("no manifests given"),
          Diagnostic.error(SourceLocation.ofFile("dir,1/a:b.yaml"), "100% wrong\r\nreally"),
          Diagnostic.error(new SourceLocation("a.yaml", 3, 0), "whole line"),
          Diagnostic.warning(new SourceLocation("a.yaml", 3, 5), "unused"));

  @Test
  void textIsOneLinePerDiagnostic() {
    assertThat(DiagnosticRenderer.text(diagnostics))
        .isEqualTo(
            "error: no manifests given\n"
                + "dir,1/a:b.yaml: error: 100% wrong\r\nreally\n"
                + "a.yaml:3: error: whole line\n"
                + "a.yaml:3:5: warning: unused\n");
  }

  @Test
  void githubEscapesDataAndProperties() {
    assertThat(DiagnosticRenderer.github(diagnostics))
        .isEqualTo(
            "::error::no manifests given\n"
                + "::error file=dir%2C1/a%3Ab.yaml::100%25 wrong%0D%0Areally\n"
                + "::error file=a.yaml,line=3::whole line\n"
                + "::warning file=a.yaml,line=3,col=5::unused\n");
  }
}
