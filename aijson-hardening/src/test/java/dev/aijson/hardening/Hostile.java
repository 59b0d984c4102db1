package dev.aijson.hardening;

import dev.aijson.core.AiJsonLimits;

/**
 * One hostile document and where its refusal must point.
 *
 * @param category what kind of hostility it is, for the figures
 * @param name what was done to it
 * @param json the document
 * @param path the JSON Pointer the refusal must name first, or null where no one node is to blame
 *     (a truncated document)
 * @param limits the limits to read it with, or null to replay it with {@code
 *     ReplayModule.allowing("dev.aijson.hardening").from}
 */
record Hostile(String category, String name, String json, String path, AiJsonLimits limits) {
  static Hostile of(String category, String name, String json, String path) {
    return new Hostile(category, name, json, path, null);
  }

  Hostile readWith(AiJsonLimits readLimits) {
    return new Hostile(category, name, json, path, readLimits);
  }

  @Override
  public String toString() {
    return category + ": " + name;
  }
}
