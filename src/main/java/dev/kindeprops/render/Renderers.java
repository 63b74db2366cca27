package dev.kindeprops.render;

/** The renderer of each report in each output format a command offers. */
public final class Renderers {
  private Renderers() {}

  /** A plan: text, the plan JSON (values unmasked, as saved plans hold them), or markdown. */
  public static Renderer<PlanView> plan(OutputFormat format, boolean color) {
    return switch (format) {
      case TEXT -> new PlanTextRenderer(color);
      case JSON -> new PlanJsonRenderer();
      case MARKDOWN -> new PlanMarkdownRenderer();
      case GITHUB -> throw unsupported("plan", format);
    };
  }

  /** A drift report, in every format. */
  public static Renderer<DriftView> drift(OutputFormat format, boolean color) {
    return switch (format) {
      case TEXT -> new DriftTextRenderer(color);
      case JSON -> new DriftJsonRenderer();
      case MARKDOWN -> new DriftMarkdownRenderer();
      case GITHUB -> new DriftGithubRenderer();
    };
  }

  /** The outcome of verify: text or JSON. */
  public static Renderer<VerifyView> verify(OutputFormat format, boolean color) {
    return switch (format) {
      case TEXT -> new VerifyTextRenderer(color);
      case JSON -> new VerifyJsonRenderer();
      case MARKDOWN, GITHUB -> throw unsupported("verify", format);
    };
  }

  /** What apply did: text, JSON or the Markdown of a job summary. */
  public static Renderer<ApplyView> apply(OutputFormat format) {
    return switch (format) {
      case TEXT -> new ApplyTextRenderer();
      case JSON -> new ApplyJsonRenderer();
      case MARKDOWN -> new ApplyMarkdownRenderer();
      case GITHUB -> throw unsupported("apply", format);
    };
  }

  private static IllegalArgumentException unsupported(String report, OutputFormat format) {
    return new IllegalArgumentException(report + " has no " + format.wireName() + " form");
  }
}
