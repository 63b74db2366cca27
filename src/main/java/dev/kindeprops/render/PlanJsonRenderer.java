package dev.kindeprops.render;

import dev.kindeprops.plan.PlanCodec;
import java.io.PrintStream;

/** A plan as its plan JSON, as saved plans hold it (values unmasked, sensitive ones sealed). */
final class PlanJsonRenderer implements Renderer<PlanView> {
  @Override
  public String render(PlanView view) {
    return PlanCodec.write(view.plan());
  }

  @Override
  public void write(PlanView view, PrintStream out) {
    PlanCodec.write(view.plan(), out);
  }
}
