package dev.aijson.hardening.acme;

/** A configuration bean of the application with a free-form property, as many have. */
public class Settings {
  private Object extra;

  public Object getExtra() {
    return extra;
  }

  public void setExtra(Object extra) {
    this.extra = extra;
  }
}
