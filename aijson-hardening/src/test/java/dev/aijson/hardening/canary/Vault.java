package dev.aijson.hardening.canary;

/**
 * An object serving code binds (a data source, a client) whose getter has side effects
 * ({@code getConnection}): replay must never read it on a document's say.
 */
public class Vault {
  private static volatile boolean opened;

  public String getSecret() {
    opened = true;
    return "secret";
  }

  /** Returns whether any vault's getter has run in this JVM. */
  public static boolean isOpened() {
    return opened;
  }
}
