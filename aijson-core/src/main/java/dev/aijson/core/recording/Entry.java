package dev.aijson.core.recording;

import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.AiJsonVar;
import java.util.List;

/**
 * What to record for one finished object.
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param kind how the object was made
 * @param type the class that made it (the built class, or the class declaring the method)
 * @param method the method name for {@code provides} and {@code call} vars, else null
 * @param key the key the object was bound to, or null
 * @param singleton whether the key is singleton-scoped
 * @param receiver for a call, the object whose method was called; for a provides entry, the
 *     {@link ModuleState} of the module whose method it was, or null; else null
 * @param args every argument, in declaration order
 * @param members injected fields and methods, in injection order
 * @param product the object made, tracked by identity unless it is a JSON value; may be null
 * @param factory for an object an assisted-inject factory made, the factory method and the
 *     assisted arguments' names; otherwise null
 */
public record Entry(
    AiJsonVar.Kind kind,
    Class<?> type,
    String method,
    String key,
    boolean singleton,
    Object receiver,
    List<Arg> args,
    List<Member> members,
    Object product,
    AiJsonVar.Factory factory) {
  /**
   * Creates the entry of an object no factory made, as {@link #Entry(AiJsonVar.Kind, Class,
   * String, String, boolean, Object, List, List, Object, AiJsonVar.Factory)} does with a null
   * {@code factory}.
   *
   * @param kind how the object was made
   * @param type the class that made it (the built class, or the class declaring the method)
   * @param method the method name for {@code provides} and {@code call} vars, else null
   * @param key the key the object was bound to, or null
   * @param singleton whether the key is singleton-scoped
   * @param receiver for a call, the object whose method was called; for a provides entry, the
 *     {@link ModuleState} of the module whose method it was, or null; else null
   * @param args every argument, in declaration order
   * @param members injected fields and methods, in injection order
   * @param product the object made, tracked by identity unless it is a JSON value; may be null
   * @throws NullPointerException if {@code kind} or {@code type} is null
   */
  public Entry(AiJsonVar.Kind kind, Class<?> type, String method, String key, boolean singleton,
      Object receiver, List<Arg> args, List<Member> members, Object product) {
    this(kind, type, method, key, singleton, receiver, args, members, product, null);
  }

  /**
   * Checks the parts and copies the lists.
   *
   * @param kind how the object was made
   * @param type the class that made it (the built class, or the class declaring the method)
   * @param method the method name for {@code provides} and {@code call} vars, else null
   * @param key the key the object was bound to, or null
   * @param singleton whether the key is singleton-scoped
   * @param receiver for a call, the object whose method was called; for a provides entry, the
 *     {@link ModuleState} of the module whose method it was, or null; else null
   * @param args every argument, in declaration order
   * @param members injected fields and methods, in injection order
   * @param product the object made, tracked by identity unless it is a JSON value; may be null
   * @param factory for an object an assisted-inject factory made, the factory method and the
   *     assisted arguments' names; otherwise null
   * @throws NullPointerException if {@code kind}, {@code type}, {@code args} or {@code members} is
   *     null
   */
  public Entry {
    NullArguments.check(kind, "Entry", "kind", "Pass how the object was made, such as Kind.CONSTRUCTOR.");
    NullArguments.check(type, "Entry", "type", "Pass the class that made the object.");
    args = List.copyOf(NullArguments.check(args, "Entry", "args", "Pass the arguments, or an empty list."));
    members = List.copyOf(NullArguments.check(members, "Entry", "members", "Pass the members, or an empty list."));
  }

  /**
   * Returns the entry for an object made by a constructor, with no key.
   *
   * @param type the class built
   * @param args the constructor arguments in declaration order
   * @param product the object built
   * @return the entry
   */
  public static Entry constructor(Class<?> type, List<Arg> args, Object product) {
    return new Entry(AiJsonVar.Kind.CONSTRUCTOR, type, null, null, false, null, args, List.of(), product);
  }
}
