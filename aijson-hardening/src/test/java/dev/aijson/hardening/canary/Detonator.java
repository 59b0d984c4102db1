package dev.aijson.hardening.canary;

import dev.aijson.hardening.Census;

/**
 * Stands for a dangerous class of a library (a process starter, a script engine): public
 * constructor, static factory, instance method, no {@code @Inject} and no {@code @AiJson}.
 * Replay must refuse every way a document can name it, without initialising it.
 */
public class Detonator {
  static {
    Census.initialised(Detonator.class);
  }

  public Detonator(String command) {
    Census.constructed();
  }

  public static Detonator arm(String command) {
    return new Detonator(command);
  }

  public String fire(String target) {
    return target;
  }
}
