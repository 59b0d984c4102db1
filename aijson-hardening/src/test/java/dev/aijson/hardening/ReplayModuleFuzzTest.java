package dev.aijson.hardening;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.common.primitives.Primitives;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.guice.ReplayModule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes serving: {@code ReplayModule.from}, injector creation and a request for every key the
 * injector binds (each must give an instance of its key's type). Seeded with the documents recorded from {@link Pipeline}; runs in regression
 * mode over {@code ReplayModuleFuzzTestInputs/from/} in every build, and fuzzes with
 * JAZZER_FUZZ=1.
 */
class ReplayModuleFuzzTest {
  private static final FuzzRun FROM = new FuzzRun("replay-module", "ReplayModule.from");
  private static final FuzzRun EDITED = new FuzzRun("replay-module-edited", "ReplayModule.from, edited documents");
  private static final List<Object> SEEDS =
      RealDocuments.all().values().stream().map(Json::parse).toList();

  /**
   * Replays any text: it is served, or refused with an AiJsonException, directly or as the one
   * cause of Guice's creation or provision exception.
   */
  @FuzzTest
  void from(byte[] input) throws Throwable {
    String json = new String(input, StandardCharsets.UTF_8);
    FROM.run(() -> serve(json));
  }

  /**
   * Replays a recorded document after a few edits the fuzzer chooses: a node anywhere replaced by
   * a string, number, boolean, null, reference, array or object, or removed. Most edited
   * documents stay well-formed, so this reaches the checks past the syntax.
   */
  @FuzzTest
  void edited(FuzzedDataProvider data) throws Throwable {
    Object tree = Json.copy(SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)));
    int edits = data.consumeInt(1, 3);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
      tree = edit(tree, data, 0);
    }
    String json = Json.write(tree);
    EDITED.run(() -> serve(json));
  }

  private static Object edit(Object node, FuzzedDataProvider data, int depth) {
    boolean here = depth > 0 && data.consumeInt(0, 3) == 0
        || !(node instanceof Map<?, ?> || node instanceof List<?>)
        || node instanceof Map<?, ?> m && m.isEmpty() || node instanceof List<?> l && l.isEmpty();
    if (here) {
      return value(data);
    }
    if (node instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) map;
      List<String> keys = new ArrayList<>(object.keySet());
      String key = keys.get(data.consumeInt(0, keys.size() - 1));
      switch (data.consumeInt(0, 5)) {
        case 0 -> object.remove(key);
        case 1 -> object.put(data.consumeString(12), value(data));
        default -> object.put(key, edit(object.get(key), data, depth + 1));
      }
      return object;
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) node;
    int index = data.consumeInt(0, list.size() - 1);
    list.set(index, edit(list.get(index), data, depth + 1));
    return list;
  }

  private static Object value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 9)) {
      case 0 -> data.consumeString(40);
      case 1 -> data.consumeLong();
      case 2 -> new BigDecimal(data.consumeLong()).scaleByPowerOfTen(data.consumeInt(-400, 400));
      case 3 -> data.consumeBoolean();
      case 4 -> null;
      case 5 -> "$var" + data.consumeInt(0, 12);
      case 6 -> {
        List<Object> list = new ArrayList<>();
        list.add(value(data));
        yield list;
      }
      case 7 -> new LinkedHashMap<>(Map.of("provider", data.consumeString(60)));
      case 8 -> new Json.Raw(data.pickValue(List.of("NaN", "Infinity", "-0", "1e100000000", "{}", "[]")));
      default -> data.pickValue(List.of("java.lang.Runtime", "dev.aijson.hardening.Pipeline$Clock",
          "com.google.inject.Injector", "int", "java.util.List<java.lang.String>", "Pipeline$Knobs",
          "constructor", "provides", "call", "opaque", "singleton", "dev.aijson.hardening"));
    };
  }

  /** Serves a document: injector creation, then a request for every key, checked for its type. */
  private static void serve(String json) {
    Injector injector = Guice.createInjector(ReplayModule.allowing("dev.aijson.hardening").from(json));
    for (Map.Entry<Key<?>, Binding<?>> binding : injector.getBindings().entrySet()) {
      Object object = injector.getInstance(binding.getKey());
      Class<?> type = Primitives.wrap(binding.getKey().getTypeLiteral().getRawType());
      if (object != null && !type.isInstance(object)) {
        throw new AssertionError("the injector gives " + object.getClass().getName() + " for "
            + binding.getKey() + ", which is not " + type.getName());
      }
    }
  }

  @AfterAll
  static void writeFigures() {
    FROM.finish();
    EDITED.finish();
  }
}
