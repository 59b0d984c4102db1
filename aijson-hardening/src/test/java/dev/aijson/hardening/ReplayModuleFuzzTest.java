package dev.aijson.hardening;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.common.primitives.Primitives;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.guice.ReplayModule;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes serving: {@code ReplayModule.from}, injector creation and a request for every key the
 * injector binds (each must give an instance of its key's type). Seeded with the documents recorded from {@link Pipeline}; runs in regression
 * mode over {@code ReplayModuleFuzzTestInputs/from/} in every build, and fuzzes with
 * JAZZER_FUZZ=1.
 */
class ReplayModuleFuzzTest {
  private static final FuzzRun FROM = new FuzzRun("ReplayModule.from");

  /**
   * Replays any text: it is served, or refused with an AiJsonException, directly or as the one
   * cause of Guice's creation or provision exception.
   */
  @FuzzTest
  void from(byte[] input) throws Throwable {
    String json = new String(input, StandardCharsets.UTF_8);
    FROM.run(() -> {
      Injector injector = Guice.createInjector(ReplayModule.from(json));
      for (Map.Entry<Key<?>, Binding<?>> binding : injector.getBindings().entrySet()) {
        Object object = injector.getInstance(binding.getKey());
        Class<?> type = Primitives.wrap(binding.getKey().getTypeLiteral().getRawType());
        if (object != null && !type.isInstance(object)) {
          throw new AssertionError("the injector gives " + object.getClass().getName() + " for "
              + binding.getKey() + ", which is not " + type.getName());
        }
      }
    });
  }

  @AfterAll
  static void writeFigures() {
    FROM.finish();
  }
}
