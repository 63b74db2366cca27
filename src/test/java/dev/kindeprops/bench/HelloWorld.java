package dev.kindeprops.bench;

/** The start-up baseline: a JVM that prints one line and exits. */
public final class HelloWorld {
  private HelloWorld() {}

  public static void main(String[] args) {
    System.out.println("hello, world");
  }
}
