package dev.aijson.core;

import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.internal.Values;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of an aijson document: how one object was made.
 *
 * <p>Argument values ({@link #kwargs()}, {@link #members()}) are document values: {@code null},
 * {@link Boolean}, {@link String}, {@link Long}, {@link java.math.BigInteger}, {@link
 * java.math.BigDecimal}, {@link AiJsonRef}, and unmodifiable {@link List}s and {@link Map}s with
 * string keys of those. Strings are held as they are; the {@code $} escaping of the JSON form is
 * applied only when writing and reading.
 *
 * @param name the var's name, {@code var0}, {@code var1}, ...
 * @param kind how the object was made
 * @param module the Java package of the class that made it ({@code ""} for the default package)
 * @param caller the class name inside {@code module} ({@code Outer$Inner} for nested classes),
 *     with {@code #method} for {@code @Provides} methods and logged calls
 * @param key the Guice key the object was bound to, or {@code null}
 * @param singleton whether the key is singleton-scoped
 * @param receiver for a {@code call}, the var whose method was called; for a {@code provides}
 *     var, the {@code module} var whose method it was, or {@code null} for a module without
 *     fields or a static method; otherwise {@code null}
 * @param signature the generic parameter types of the constructor or method, in declaration order
 * @param kwargs every argument by parameter name, in declaration order
 * @param members values injected into fields (by field name) and methods (by method name, as an
 *     object of their arguments)
 * @param factory for an object an assisted-inject factory made, the factory method that made it
 *     and which kwargs were its arguments; otherwise {@code null}
 */
public record AiJsonVar(
    String name,
    Kind kind,
    String module,
    String caller,
    String key,
    boolean singleton,
    AiJsonRef receiver,
    List<String> signature,
    Map<String, Object> kwargs,
    Map<String, Object> members,
    Factory factory) {

  /** How the object of a var was made. */
  public enum Kind {
    /** Guice called an {@code @Inject} or default constructor. */
    CONSTRUCTOR,
    /** Guice called a {@code @Provides} method. */
    PROVIDES,
    /** A logged {@code @AiJson} method call on a Guice-built object. */
    CALL,
    /** A bound instance that is not a JSON value and cannot be rebuilt; serving supplies it. */
    OPAQUE,
    /**
     * A collection that Guice's multibindings built: a {@code Set} ({@code Multibinder}, kwarg
     * {@code elements}), a {@code Map} ({@code MapBinder}, kwargs {@code keys} and {@code values},
     * in step) or an {@code Optional} ({@code OptionalBinder}, kwarg {@code value}, null when
     * empty), whose signature holds the collection's type arguments.
     */
    MULTIBINDING,
    /**
     * An argument whose value the recording could not see (it came from a binding the recorder
     * does not listen to, outside {@code onlyPackages}): its class and key are known, its value
     * is not, so the document says so instead of stating a value. Replay refuses a reference to
     * it until the value is set in the document.
     */
    UNOBSERVED,
    /**
     * An assisted-inject factory ({@code FactoryModuleBuilder}): an implementation of the
     * interface named by module and caller, bound to {@code key}. It has no signature or kwargs;
     * the objects it made are {@code constructor} vars whose {@link #factory()} names its key.
     */
    FACTORY,
    /**
     * A Guice module instance whose {@code @Provides} methods made other vars: its instance
     * fields, by field name, are its {@code members} (configuration passed to the module's
     * constructor, such as {@code new ModelModule(config)}), and each {@code provides} var its
     * methods made names it as its {@code receiver}. It has no signature or kwargs. Replay
     * rebuilds the module through a constructor whose parameters are those fields by name and
     * type, or a no-argument constructor and then sets the fields; a module without fields has
     * no var.
     */
    MODULE;

    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /**
     * Returns the name used in JSON, such as {@code constructor}.
     *
     * @return the constant's name in lower case
     */
    public String jsonName() {
      return jsonName;
    }

    /**
     * Returns whether vars of this kind have a {@code signature} and {@code kwargs}: all but
     * {@code opaque}, {@code unobserved}, {@code factory} and {@code module}.
     *
     * @return true for the kinds whose vars record a constructor's or a method's arguments
     */
    public boolean hasArguments() {
      return this != OPAQUE && this != UNOBSERVED && this != FACTORY && this != MODULE;
    }
  }

  /**
   * The factory method that made a var's object: an assisted-inject factory's method, called with
   * the assisted arguments, the rest injected.
   *
   * @param key the Guice key of the factory, such as {@code com.acme.EncoderFactory}
   * @param method the name of the factory method, such as {@code create}
   * @param assisted the kwargs of the var that were the method's arguments, in the order of the
   *     method's parameters; the var's other kwargs were injected
   */
  public record Factory(String key, String method, List<String> assisted) {
    /**
     * Checks the parts and copies {@code assisted}.
     *
     * @param key the Guice key of the factory, such as {@code com.acme.EncoderFactory}
     * @param method the name of the factory method, such as {@code create}
     * @param assisted the kwargs of the var that were the method's arguments, in the order of the
     *     method's parameters
     * @throws NullPointerException if {@code key}, {@code method} or {@code assisted} is null
     */
    public Factory {
      NullArguments.check(key, "AiJsonVar.Factory", "key", "Pass the factory's Guice key.");
      NullArguments.check(method, "AiJsonVar.Factory", "method", "Pass the factory method's name.");
      assisted = List.copyOf(NullArguments.check(assisted, "AiJsonVar.Factory", "assisted",
          "Pass the assisted kwargs' names, or an empty list."));
    }
  }

  /**
   * Creates a var that no factory made, as {@link #AiJsonVar(String, Kind, String, String, String,
   * boolean, AiJsonRef, List, Map, Map, Factory)} does with a null {@code factory}.
   *
   * @param name the var's name, {@code var0}, {@code var1}, ...
   * @param kind how the object was made
   * @param module the Java package of the class that made it ({@code ""} for the default package)
   * @param caller the class name inside {@code module}, with {@code #method} for {@code @Provides}
   *     methods and logged calls
   * @param key the Guice key the object was bound to, or {@code null}
   * @param singleton whether the key is singleton-scoped
   * @param receiver for a {@code call}, the var whose method was called; for a {@code provides}
   *     var, its {@code module} var or {@code null}; otherwise {@code null}
   * @param signature the generic parameter types of the constructor or method, in declaration order
   * @param kwargs every argument by parameter name, in declaration order, as document values
   * @param members values injected into fields and methods, as document values
   * @throws IllegalArgumentException if {@code name} is not a var name, or a call var has no
   *     receiver, or a var of a kind other than call and provides has one
   */
  public AiJsonVar(String name, Kind kind, String module, String caller, String key,
      boolean singleton, AiJsonRef receiver, List<String> signature, Map<String, Object> kwargs,
      Map<String, Object> members) {
    this(name, kind, module, caller, key, singleton, receiver, signature, kwargs, members, null);
  }

  /**
   * Checks the parts and makes the collections unmodifiable deep copies.
   *
   * @param name the var's name, {@code var0}, {@code var1}, ...
   * @param kind how the object was made
   * @param module the Java package of the class that made it ({@code ""} for the default package)
   * @param caller the class name inside {@code module}, with {@code #method} for {@code @Provides}
   *     methods and logged calls
   * @param key the Guice key the object was bound to, or {@code null}
   * @param singleton whether the key is singleton-scoped
   * @param receiver for a {@code call}, the var whose method was called; for a {@code provides}
   *     var, its {@code module} var or {@code null}; otherwise {@code null}
   * @param signature the generic parameter types of the constructor or method, in declaration order
   * @param kwargs every argument by parameter name, in declaration order, as document values
   * @param members values injected into fields and methods, as document values
   * @param factory for an object an assisted-inject factory made, the factory method that made it
   *     and which kwargs were its arguments; otherwise {@code null}
   * @throws IllegalArgumentException if {@code name} is not a var name, or a call var has no
   *     receiver, or a var of a kind other than call and provides has one, or a var with a
   *     factory is not a constructor var
   */
  public AiJsonVar {
    if (name == null || !AiJsonRef.isVarName(name)) {
      throw new IllegalArgumentException("\"" + name + "\" is not a var name: var names are var0,"
          + " var1, var2 and so on. Name the var such as \"var3\".");
    }
    NullArguments.check(kind, name, "kind", "Pass the var's kind, such as Kind.CONSTRUCTOR.");
    NullArguments.check(module, name, "module", "Pass the package name, \"\" for the default package.");
    NullArguments.check(caller, name, "caller", "Pass the class (and #method) name, such as \"Tokenizer\".");
    NullArguments.check(signature, name, "signature", "Pass the parameter types, or an empty list.");
    NullArguments.check(kwargs, name, "kwargs", "Pass the arguments by name, or an empty map.");
    NullArguments.check(members, name, "members", "Pass the members by name, or an empty map.");
    if (kind == Kind.CALL ? receiver == null : receiver != null && kind != Kind.PROVIDES) {
      throw new IllegalArgumentException(name + " is " + (receiver == null ? "a call var without"
          + " a receiver" : "a " + kind.jsonName() + " var with a receiver") + ", but a call var"
          + " has one, a provides var may have one (its module var), and no other var has one."
          + " Pass the receiver of a call or the module var of a provides var, and null"
          + " otherwise.");
    }
    if (factory != null && kind != Kind.CONSTRUCTOR) {
      throw new IllegalArgumentException(name + " is a " + kind.jsonName() + " var made by a"
          + " factory, but a factory makes its objects with a constructor. Pass kind CONSTRUCTOR,"
          + " or no factory.");
    }
    signature = List.copyOf(signature);
    kwargs = Values.copyObject(kwargs);
    members = Values.copyObject(members);
  }

  /**
   * Returns the binary name of the class named by {@code module} and {@code caller}.
   *
   * @return the class name, such as {@code acme.Outer$Inner}
   */
  public String className() {
    int hash = caller.indexOf('#');
    String simple = hash < 0 ? caller : caller.substring(0, hash);
    return module.isEmpty() ? simple : module + "." + simple;
  }

  /**
   * Returns the label that messages, diffs and pictures use for this var: its name and the class
   * (and method) it stands for, such as {@code var3 (acme.Scorer)} or {@code var1
   * (acme.ModelModule#layer)}.
   *
   * @return the label
   */
  public String label() {
    String method = methodName();
    return name + " (" + className() + (method == null ? "" : "#" + method) + ")";
  }

  /**
   * Returns the method named after {@code #} in {@code caller}, or {@code null} if none.
   *
   * @return the method name, or {@code null} for a constructor var
   */
  public String methodName() {
    int hash = caller.indexOf('#');
    return hash < 0 ? null : caller.substring(hash + 1);
  }

  /**
   * Returns the references this var makes, in document order: its receiver, then those inside
   * its kwargs and members. A var referenced twice appears twice.
   *
   * @return the references, unmodifiable
   */
  public List<AiJsonRef> references() {
    List<AiJsonRef> refs = new java.util.ArrayList<>();
    if (receiver != null) {
      refs.add(receiver);
    }
    Values.allRefs(kwargs, refs::add);
    Values.allRefs(members, refs::add);
    return java.util.Collections.unmodifiableList(refs);
  }

  /**
   * Returns the JSON Pointer of this var in its document, such as {@code /vars/var3}.
   *
   * @return the JSON Pointer
   */
  public String pointer() {
    return "/vars/" + name; // a var name needs no escaping
  }

  /**
   * Returns this var with another argument value, leaving this one unchanged.
   *
   * @param kwarg the parameter name, which must already be in {@link #kwargs()}
   * @param value a document value; null is the JSON null
   * @return the changed copy
   */
  public AiJsonVar withKwarg(String kwarg, Object value) {
    if (!kwargs.containsKey(kwarg)) {
      throw new IllegalArgumentException(name + " has no kwarg \"" + kwarg + "\": its kwargs are "
          + kwargs.keySet() + ". Change one of those.");
    }
    Map<String, Object> changed = new java.util.LinkedHashMap<>(kwargs);
    changed.put(kwarg, value);
    return new AiJsonVar(
        name, kind, module, caller, key, singleton, receiver, signature, changed, members, factory);
  }

  /**
   * Returns this var with other kwargs and members, leaving this one unchanged.
   *
   * @param kwargs the new kwargs, document values
   * @param members the new members, document values
   * @return the changed copy
   * @throws NullPointerException if {@code kwargs} or {@code members} is null
   */
  public AiJsonVar withArguments(Map<String, Object> kwargs, Map<String, Object> members) {
    NullArguments.check(kwargs, "AiJsonVar.withArguments", "kwargs", "Pass the kwargs, or an empty map.");
    NullArguments.check(members, "AiJsonVar.withArguments", "members", "Pass the members, or an empty map.");
    return new AiJsonVar(
        name, kind, module, caller, key, singleton, receiver, signature, kwargs, members, factory);
  }
}
