package dev.aijson.hardening;

import dev.aijson.hardening.Json.Raw;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes hostile documents out of real ones: each mutation breaks one rule in one place and says
 * which JSON Pointer the refusal must name. Mutations act on a copy of the document's JSON tree.
 */
final class DocumentMutator {
  private final String seedName;
  private final Map<String, Object> seed;
  private final List<Hostile> out = new ArrayList<>();

  private DocumentMutator(String seedName, String json) {
    this.seedName = seedName;
    this.seed = Json.object(json);
  }

  /** Returns every mutation of every document. */
  static List<Hostile> mutate(Map<String, String> documents) {
    List<Hostile> all = new ArrayList<>();
    documents.forEach((name, json) -> all.addAll(new DocumentMutator(name, json).all()));
    return all;
  }

  private List<Hostile> all() {
    document();
    List<String> names = new ArrayList<>(vars(seed).keySet());
    for (int i = 0; i < names.size(); i++) {
      structure(names, i);
      kwargs(names, i);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> vars(Map<String, Object> document) {
    return (Map<String, Object>) document.get("vars");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private void add(String category, String what, Object tree, String path) {
    out.add(Hostile.of(category, seedName + ": " + what, tree instanceof String s ? s : Json.write(tree), path));
  }

  // the whole document

  private void document() {
    String json = Json.write(seed);
    for (int eighth = 1; eighth < 8; eighth++) {
      add("syntax", "cut after " + eighth + "/8 of its text", json.substring(0, json.length() * eighth / 8), null);
    }
    add("syntax", "a trailing comma", json.substring(0, json.length() - 1) + ",}", null);
    add("syntax", "a comment", "/* wiring */" + json, "");
    Map<String, Object> copy = Json.copy(seed);
    copy.put("aijson", 2L);
    add("wrong value", "format version 2", copy, "/aijson");
    copy = Json.copy(seed);
    copy.put("aijson", "1");
    add("wrong type", "format version as a string", copy, "/aijson");
    copy = Json.copy(seed);
    copy.remove("aijson");
    add("missing field", "no format version", copy, "");
    copy = Json.copy(seed);
    copy.put("vars", List.copyOf(vars(seed).values()));
    add("wrong type", "vars as an array", copy, "/vars");
    copy = Json.copy(seed);
    copy.put("version", 1L);
    add("unknown field", "an unknown top-level field", copy, "/version");
    copy = Json.copy(seed);
    copy.put("cut", Map.of("cap", -1L, "dropped", 5L));
    add("out of range", "a negative cap", copy, "/cut/cap");
    copy = Json.copy(seed);
    copy.put("environment", "java 17");
    add("wrong type", "environment as a string", copy, "/environment");
    add("duplicate key", "\"aijson\" twice", "{\"aijson\":1," + json.substring(1), "/aijson");
    add("duplicate key", "\"vars\" twice", json.substring(0, json.length() - 1) + ",\"vars\":{}}", "/vars");
  }

  // one var's structure

  private void structure(List<String> names, int index) {
    String name = names.get(index);
    Map<String, Object> var = map(vars(seed).get(name));
    String at = Json.pointer("vars", name);
    String kind = (String) var.get("kind");

    with(name, v -> v.put("kind", "builder"), "unknown kind", "an unknown kind", at + "/kind");
    with(name, v -> v.put("kind", "Constructor"), "unknown kind", "a kind in the wrong case", at + "/kind");
    with(name, v -> v.put("kind", 3L), "wrong type", "a kind that is a number", at + "/kind");
    with(name, v -> v.put("module", "no.such.pkg"), "missing class", "a package that does not exist", at + "/caller");
    with(name, v -> v.put("caller", insertBeforeMethod((String) v.get("caller"), "Gone")),
        "missing class", "a class that does not exist", at + "/caller");
    with(name, v -> v.put("caller", insertBeforeMethod((String) v.get("caller"), "\u00d6")),
        "unicode", "a class name with a letter from another script", at + "/caller");
    with(name, v -> v.put("caller", insertBeforeMethod((String) v.get("caller"), "\u202e")),
        "unicode", "a class name with a right-to-left override", at + "/caller");
    with(name, v -> v.put("module", v.get("module") + ".\u0434\u0435\u0432"), "unicode",
        "a package name in Cyrillic", at + "/caller");
    with(name, v -> v.put("module", 7L), "wrong type", "a package that is a number", at + "/module");
    with(name, v -> v.put("colour", true), "unknown field", "an unknown field", at + "/colour");
    with(name, v -> v.put("scope", "prototype"), "wrong value", "an unknown scope", at + "/scope");
    with(name, v -> v.put("scope", true), "wrong type", "a scope that is a boolean", at + "/scope");
    if (var.containsKey("key")) {
      with(name, v -> v.put("key", "java.lang.Thread"), "wrong value", "a key of another type", at + "/key");
      with(name, v -> v.put("key", "com.google.inject.Injector"), "wrong value",
          "the key of Guice's injector", at + "/key");
      with(name, v -> v.put("key", "@no.such.Qualifier " + v.get("key")), "missing class",
          "a key qualified by a missing annotation", at + "/key");
      with(name, v -> v.put("key", "java.util.List<"), "syntax", "a key with an open type argument", at + "/key");
      with(name, v -> v.put("key", 12L), "wrong type", "a key that is a number", at + "/key");
    }
    // opaque and factory vars have no arguments
    if (!kind.equals("opaque") && !kind.equals("factory")) {
      with(name, v -> v.remove("signature"), "missing field", "no signature", at + "/signature");
      with(name, v -> v.put("signature", "int"), "wrong type", "a signature that is a string", at + "/signature");
      with(name, v -> v.put("kwargs", List.of()), "wrong type", "kwargs as an array", at + "/kwargs");
      with(name, v -> {
        List<Object> signature = new ArrayList<>((List<?>) v.get("signature"));
        signature.add("java.lang.Thread");
        v.put("signature", signature);
      }, "wrong value", "one parameter too many in the signature", at + "/kwargs");
      if (!((List<?>) var.get("signature")).isEmpty()) {
        with(name, v -> {
          List<Object> signature = new ArrayList<>((List<?>) v.get("signature"));
          signature.set(0, "java.lang.Thread");
          v.put("signature", signature);
        }, "wrong value", "a parameter type that does not match", at + "/signature");
      }
      with(name, v -> v.put("kind", "opaque"), "wrong value", "made opaque, keeping its arguments",
          at + (kind.equals("call") ? "/receiver" : ((String) var.get("caller")).contains("#") ? "/caller" : "/signature"));
    }
    if (kind.equals("constructor")) {
      with(name, v -> {
        Map<String, Object> members = v.containsKey("members") ? map(v.get("members")) : new LinkedHashMap<>();
        members.put("noSuchField", 1L);
        v.put("members", members);
      }, "wrong value", "a member that does not exist", at + "/members/noSuchField");
      with(name, v -> v.put("members", List.of()), "wrong type", "members as an array", at + "/members");
    }
    if (kind.equals("call")) {
      with(name, v -> v.put("receiver", "$var999"), "dangling reference", "a receiver that does not exist", at + "/receiver");
      with(name, v -> v.put("receiver", "$" + name), "cycle", "its own receiver", at + "/receiver");
      with(name, v -> v.put("receiver", 0L), "wrong type", "a receiver that is a number", at + "/receiver");
      with(name, v -> v.remove("receiver"), "missing field", "no receiver", at + "/receiver");
    }
    renamed(names, index, name + "x", "wrong value", "a var name with a letter after its number");
    renamed(names, index, "v\u00e4r" + name.substring(3), "unicode", "a var name with an umlaut");
    renamed(names, index, "var0" + name.substring(3), "wrong value", "a var number with a leading zero");
    if (index + 1 < names.size()) {
      Map<String, Object> copy = Json.copy(seed);
      Map<String, Object> swapped = new LinkedHashMap<>();
      vars(seed).forEach((n, v) -> {
        if (!n.equals(name)) {
          swapped.put(n, Json.copy(v));
          if (n.equals(names.get(index + 1))) {
            swapped.put(name, Json.copy(var));
          }
        }
      });
      copy.put("vars", swapped);
      add("order", name + " moved after " + names.get(index + 1), copy, at);
    }
    String referrer = firstReferrer(name);
    if (referrer != null) {
      Map<String, Object> copy = Json.copy(seed);
      vars(copy).remove(name);
      add("dangling reference", name + " removed while referenced", copy, referrer);
    }
    String varJson = Json.write(var);
    Map<String, Object> copy = Json.copy(seed);
    vars(copy).put(name, new Raw("{\"kind\":\"constructor\"," + varJson.substring(1)));
    add("duplicate key", name + " with \"kind\" twice", copy, at + "/kind");
    String docJson = Json.write(seed);
    int position = docJson.indexOf(Json.quote(name) + ":");
    add("duplicate key", name + " twice", docJson.substring(0, position) + Json.quote(name) + ":"
        + varJson + "," + docJson.substring(position), at);
    Map<String, Object> kwargs = var.get("kwargs") instanceof Map<?, ?> m ? map(m) : Map.of();
    if (!kwargs.isEmpty()) {
      String kwarg = kwargs.keySet().iterator().next();
      Map<String, Object> duplicated = Json.copy(seed);
      Map<String, Object> target = map(vars(duplicated).get(name));
      target.put("kwargs", new Raw("{" + Json.quote(kwarg) + ":null," + Json.write(kwargs).substring(1)));
      add("duplicate key", name + " with kwarg \"" + kwarg + "\" twice", duplicated,
          at + Json.pointer("kwargs", kwarg));
    }
  }

  private void renamed(List<String> names, int index, String newName, String category, String what) {
    Map<String, Object> copy = Json.copy(seed);
    Map<String, Object> renamed = new LinkedHashMap<>();
    vars(seed).forEach((n, v) -> renamed.put(n.equals(names.get(index)) ? newName : n, Json.copy(v)));
    copy.put("vars", renamed);
    add(category, names.get(index) + ": " + what, copy, Json.pointer("vars", newName));
  }

  private static String insertBeforeMethod(String caller, String text) {
    int hash = caller.indexOf('#');
    return hash < 0 ? caller + text : caller.substring(0, hash) + text + caller.substring(hash);
  }

  private interface Edit {
    void apply(Map<String, Object> var);
  }

  private void with(String name, Edit edit, String category, String what, String path) {
    Map<String, Object> copy = Json.copy(seed);
    edit.apply(map(vars(copy).get(name)));
    add(category, name + ": " + what, copy, path);
  }

  /** Returns the pointer of the first reference to {@code name} in a later var, or null. */
  private String firstReferrer(String name) {
    boolean after = false;
    for (Map.Entry<String, Object> entry : vars(seed).entrySet()) {
      if (after) {
        Map<String, Object> var = map(entry.getValue());
        String at = Json.pointer("vars", entry.getKey());
        if (("$" + name).equals(var.get("receiver"))) {
          return at + "/receiver";
        }
        for (String section : List.of("kwargs", "members")) {
          String found = find(var.get(section), "$" + name, at + "/" + section);
          if (found != null) {
            return found;
          }
        }
      }
      after |= entry.getKey().equals(name);
    }
    return null;
  }

  private static String find(Object value, String ref, String pointer) {
    if (ref.equals(value)) {
      return pointer;
    }
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String found = find(e.getValue(), ref, pointer + Json.pointer(e.getKey()));
        if (found != null) {
          return found;
        }
      }
    }
    if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        String found = find(l.get(i), ref, pointer + "/" + i);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  // one var's arguments

  private void kwargs(List<String> names, int index) {
    String name = names.get(index);
    Map<String, Object> var = map(vars(seed).get(name));
    if (!(var.get("kwargs") instanceof Map<?, ?> kwargs) || kwargs.isEmpty()) {
      return;
    }
    List<?> signature = (List<?>) var.get("signature");
    int i = 0;
    for (Object kwarg : kwargs.keySet()) {
      String type = (String) signature.get(i++);
      String at = Json.pointer("vars", name, "kwargs", kwarg);
      for (Bad bad : badValues(type, names, index)) {
        Map<String, Object> copy = Json.copy(seed);
        map(map(vars(copy).get(name)).get("kwargs")).put((String) kwarg, bad.value());
        add(bad.category(), name + " kwarg " + kwarg + " (" + type + "): " + bad.what(), copy, at + bad.suffix());
      }
    }
    if (!(kwargs.values().iterator().next() instanceof Map)) {
      Map<String, Object> copy = Json.copy(seed);
      String first = (String) kwargs.keySet().iterator().next();
      map(map(vars(copy).get(name)).get("kwargs")).put(first, new Raw("[".repeat(70) + "]".repeat(70)));
      // the document, vars, the var, kwargs and the value are levels 0 to 4; the limit is 64
      add("limits", name + " kwarg " + first + " nested 70 deep", copy,
          Json.pointer("vars", name, "kwargs", first) + "/0".repeat(60));
    }
  }

  private record Bad(String category, String what, Object value, String suffix) {}

  private static Bad bad(String category, String what, Object value) {
    return new Bad(category, what, value, "");
  }

  private List<Bad> badValues(String type, List<String> names, int index) {
    List<Bad> bad = new ArrayList<>();
    switch (type) {
      case "int", "java.lang.Integer" -> {
        bad.add(bad("wrong type", "a string", "seven"));
        bad.add(bad("out of range", "2^31", 2147483648L));
        bad.add(bad("out of range", "-2^31 - 1", -2147483649L));
        bad.add(bad("wrong value", "a fraction", new BigDecimal("1.5")));
        bad.add(bad("NaN and infinities", "the string NaN", "NaN"));
        bad.add(bad("NaN and infinities", "the token NaN", new Raw("NaN")));
        bad.add(bad("out of range", "1e100000000", new Raw("1e100000000")));
      }
      case "long", "java.lang.Long" -> {
        bad.add(bad("out of range", "2^63", new BigInteger("9223372036854775808")));
        bad.add(bad("out of range", "-2^63 - 1", new BigInteger("-9223372036854775809")));
        bad.add(bad("wrong type", "a string", "1"));
      }
      case "short" -> bad.add(bad("out of range", "2^15", 32768L));
      case "byte" -> {
        bad.add(bad("out of range", "128", 128L));
        bad.add(bad("out of range", "-129", -129L));
      }
      case "char" -> {
        bad.add(bad("wrong value", "two characters", "xy"));
        bad.add(bad("wrong value", "no character", ""));
      }
      case "float" -> {
        bad.add(bad("out of range", "3.5e38", new Raw("3.5e38")));
        bad.add(bad("NaN and infinities", "nan in lower case", "nan"));
      }
      case "double" -> {
        bad.add(bad("out of range", "1e400", new Raw("1e400")));
        bad.add(bad("NaN and infinities", "infinity in lower case", "infinity"));
        bad.add(bad("NaN and infinities", "the token Infinity", new Raw("Infinity")));
        bad.add(bad("NaN and infinities", "the token -Infinity", new Raw("-Infinity")));
        bad.add(bad("NaN and infinities", "the token NaN", new Raw("NaN")));
      }
      case "boolean" -> {
        bad.add(bad("wrong type", "the string true", "true"));
        bad.add(bad("wrong type", "the number 1", 1L));
      }
      case "java.lang.String" -> {
        bad.add(bad("wrong type", "a number", 7L));
        bad.add(bad("wrong type", "an array", List.of("a")));
        bad.add(bad("wrong value", "a $ string that is no reference", "$corpus"));
        bad.add(bad("huge strings", "a string of 1 Mi + 1 characters", "x".repeat((1 << 20) + 1)));
      }
      case "java.math.BigInteger" -> {
        bad.add(bad("wrong value", "a fraction", new BigDecimal("1.5")));
        bad.add(bad("wrong type", "a string", "12"));
      }
      case "java.math.BigDecimal" -> bad.add(bad("wrong type", "a string", "3.14"));
      case "int[]" -> {
        bad.add(bad("wrong type", "a string", "1,2,3"));
        bad.add(new Bad("wrong type", "a string element", List.of(1L, "two"), "/1"));
        bad.add(new Bad("out of range", "an element of 2^31", List.of(2147483648L), "/0"));
      }
      default -> bad.addAll(structuredBadValues(type, names, index));
    }
    return bad;
  }

  private List<Bad> structuredBadValues(String type, List<String> names, int index) {
    List<Bad> bad = new ArrayList<>();
    if (type.startsWith("java.util.List<dev.") || type.startsWith("java.util.Set<dev.")) {
      bad.add(bad("wrong type", "an object", Map.of("a", 1L)));
      if (type.contains("Activation")) {
        bad.add(new Bad("wrong value", "an unknown constant", List.of("GELU"), "/0"));
      } else {
        bad.add(new Bad("wrong value", "a record with a component missing", List.of(Map.of("inputs", 1L)), "/0"));
        bad.add(new Bad("out of range", "a record component of 2^31", List.of(Map.of("inputs", 2147483648L,
            "outputs", 2L, "dropout", BigDecimal.ZERO, "activation", "RELU")), "/0/inputs"));
      }
    } else if (type.startsWith("java.util.List<") || type.startsWith("java.util.Set<")) {
      bad.add(bad("wrong type", "a string", "good,bad"));
      bad.add(new Bad("wrong type", "a number element", List.of(1L), "/0"));
    } else if (type.startsWith("java.util.Map<") || type.startsWith("java.util.SortedMap<")) {
      bad.add(bad("wrong type", "an array", List.of()));
      bad.add(new Bad("wrong type", "a string value", Map.of("a", "heavy"), "/a"));
    } else if (type.startsWith("javax.inject.Provider<")) {
      bad.add(new Bad("missing class", "a provider of a missing class", Map.of("provider", "no.Such"), "/provider"));
      bad.add(new Bad("wrong value", "a provider of another type", Map.of("provider", "java.lang.String"), "/provider"));
      bad.add(bad("wrong type", "a provider key that is a number", Map.of("provider", 3L)));
    } else {
      bad.add(bad("wrong type", "a number for an object", 5L));
      bad.add(bad("dangling reference", "a reference to a var that does not exist", "$var999"));
      bad.add(bad("cycle", "a reference to itself", "$" + names.get(index)));
      if (index + 1 < names.size()) {
        bad.add(bad("forward reference", "a reference to a later var", "$" + names.get(index + 1)));
      }
      String other = otherThan(type, names, index);
      if (other != null) {
        bad.add(bad("wrong value", "a reference to a var of another type", "$" + other));
      }
    }
    return bad;
  }

  /** Returns an earlier constructor var that builds neither {@code type} nor a subtype, or null. */
  private String otherThan(String type, List<String> names, int index) {
    for (int i = 0; i < index; i++) {
      Map<String, Object> var = map(vars(seed).get(names.get(i)));
      String caller = (String) var.get("caller");
      boolean fits = type.endsWith(caller) || caller.endsWith("Tokenizer") && type.endsWith("Tokenizer");
      if (var.get("kind").equals("constructor") && !fits) {
        return names.get(i);
      }
    }
    return null;
  }
}
