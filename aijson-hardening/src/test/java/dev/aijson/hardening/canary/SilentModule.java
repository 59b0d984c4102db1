package dev.aijson.hardening.canary;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.aijson.core.AiJson;
import dev.aijson.hardening.Census;

/** A Guice module with a {@code @Provides} method and an {@code @AiJson} method, never loaded for use. */
public class SilentModule extends AbstractModule {
  static {
    Census.initialised(SilentModule.class);
  }

  @Provides
  Silent silent() {
    return new Silent(1, "provided");
  }

  @AiJson
  public Silent rename(Silent silent, String name) {
    return new Silent(silent.size, name);
  }
}
