package dev.aijson.benchmarks;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jackson baseline's input: a document as a tree of plain maps, lists and scalars, with the
 * same fields in the same order as its aijson JSON, so that both writers produce the same content.
 */
final class JacksonTree {
  private JacksonTree() {}

  static Map<String, Object> of(AiJsonDocument document) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (AiJsonVar var : document.vars()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("kind", var.kind().jsonName());
      fields.put("module", var.module());
      fields.put("caller", var.caller());
      if (var.key() != null) {
        fields.put("key", var.key());
      }
      if (var.singleton()) {
        fields.put("scope", "singleton");
      }
      if (var.receiver() != null) {
        fields.put("receiver", var.receiver().toString());
      }
      if (var.kind().hasArguments()) {
        fields.put("signature", new ArrayList<>(var.signature()));
        fields.put("kwargs", value(var.kwargs()));
      }
      if (!var.members().isEmpty()) {
        fields.put("members", value(var.members()));
      }
      if (var.factory() != null) {
        Map<String, Object> factory = new LinkedHashMap<>();
        factory.put("key", var.factory().key());
        factory.put("method", var.factory().method());
        factory.put("assisted", new ArrayList<>(var.factory().assisted()));
        fields.put("factory", factory);
      }
      vars.put(var.name(), fields);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("aijson", AiJsonDocument.FORMAT);
    root.put("vars", vars);
    return root;
  }

  private static Object value(Object value) {
    if (value instanceof AiJsonRef ref) {
      return ref.toString();
    }
    if (value instanceof String text && text.startsWith("$")) {
      return "$" + text;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(element -> copy.add(value(element)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((name, element) -> copy.put((String) name, value(element)));
      return copy;
    }
    return value;
  }
}
