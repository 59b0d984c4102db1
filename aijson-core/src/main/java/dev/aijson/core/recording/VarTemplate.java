package dev.aijson.core.recording;

import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What every var of one constructor or {@code @Provides} method has in common, worked out once:
 * kind, module, caller, signature, kwarg names, the injected members, the factory. An integration
 * makes one per binding and hands it to {@link AiJsonRecorder#record(VarTemplate, String, boolean,
 * Object[], Object)} with each provision's values, so that a provision costs only what differs.
 *
 * <p>Part of the recording SPI. A template belongs to the recorder it is first used with: it
 * keeps what that recorder encoded for the bound instances it was handed.
 *
 * <pre>{@code
 * VarTemplate scorer = VarTemplate.of(Entry.constructor(Scorer.class, List.of(
 *     new Arg("mode", String.class, null), new Arg("weight", double.class, null)), null));
 * recorder.record(scorer, "acme.Scorer", false, new Object[] {"FAST", 0.5}, new Scorer("FAST", 0.5));
 * }</pre>
 */
public final class VarTemplate {
  final AiJsonVar.Kind kind;
  final Class<?> type;
  final String module;
  final String caller;
  final List<String> signature;
  /** The kwarg names, or null if two parameters share a name (the later value wins). */
  final String[] names;
  final List<String> parameterNames;
  /** The declared type of every value: the kwargs', then the members' arguments'. */
  final Type[] types;
  final int parameters;
  /** The name each member is written under, whether it is a field, and its argument names. */
  final String[] memberNames;
  final boolean[] fields;
  final String[][] memberArgs;
  final AiJsonVar.Factory factory;
  /** What the recorder encoded last for each value given as the same bound instance. */
  final Encoded[] encoded;
  volatile boolean remembered;
  /**
   * The last class of product found to be no JSON value of any kind, so always tracked; null
   * until then. Threads recording at once may each write it; any class written is a right answer.
   */
  Class<?> plainProduct;
  /**
   * The last var recorded from this template, whose shape (key and values) the next var shares if
   * it is written alike; null until then. Threads recording at once may each write it; a var
   * read from it is whole (its fields are final), and any var is a right answer.
   */
  Recorded last;
  /**
   * What {@code ByteEstimate.of} counts for a var of this template beyond its name, key and
   * values: module, caller, signature, and the names and braces of its kwargs and members.
   */
  final long bytes;

  private VarTemplate(Entry prototype) {
    if (prototype.kind() != AiJsonVar.Kind.CONSTRUCTOR && prototype.kind() != AiJsonVar.Kind.PROVIDES) {
      throw new IllegalArgumentException("A template is for constructor and provides vars, not "
          + prototype.kind().jsonName() + " vars. Record those with record(Entry).");
    }
    if (prototype.receiver() != null) {
      throw new IllegalArgumentException("A template has no receiver. Record vars with a receiver"
          + " with record(Entry).");
    }
    kind = prototype.kind();
    type = prototype.type();
    module = AiJsonRecorder.packageOf(type);
    caller = AiJsonRecorder.callerOf(type, prototype.method());
    List<Arg> args = prototype.args();
    parameters = args.size();
    List<String> signatureNames = new ArrayList<>(parameters);
    List<String> argNames = new ArrayList<>(parameters);
    List<Type> allTypes = new ArrayList<>();
    for (Arg arg : args) {
      signatureNames.add(AiJsonTypes.name(arg.type()));
      argNames.add(arg.name());
      allTypes.add(arg.type());
    }
    signature = List.copyOf(signatureNames);
    parameterNames = List.copyOf(argNames);
    names = new HashSet<>(argNames).size() < argNames.size() ? null : argNames.toArray(new String[0]);
    List<Member> members = prototype.members();
    memberNames = new String[members.size()];
    fields = new boolean[members.size()];
    memberArgs = new String[members.size()][];
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      String name = taken.contains(member.name()) ? type.getSimpleName() + "." + member.name() : member.name();
      taken.add(name);
      memberNames[i] = name;
      fields[i] = member.field();
      memberArgs[i] = new String[member.args().size()];
      for (int j = 0; j < memberArgs[i].length; j++) {
        memberArgs[i][j] = member.args().get(j).name();
        allTypes.add(member.args().get(j).type());
      }
    }
    types = allTypes.toArray(new Type[0]);
    factory = prototype.factory();
    encoded = new Encoded[types.length];
    long size = ByteEstimate.VAR + module.length() + caller.length() + 2;
    for (String name : signature) {
      size += name.length() + 4;
    }
    for (String name : parameterNames) {
      size += name.length() + 5;
    }
    size += 2;
    for (int i = 0; i < memberNames.length; i++) {
      size += memberNames[i].length() + 5;
      if (!fields[i]) {
        size += 2;
        for (String arg : memberArgs[i]) {
          size += arg.length() + 5;
        }
      }
    }
    bytes = size;
  }

  /**
   * Returns the template of the vars {@code prototype} stands for: its kind, type, method, the
   * names and types of its arguments and members, and its factory. Its key, singleton flag,
   * argument values and product are not part of the template.
   *
   * @param prototype an entry of kind {@code constructor} or {@code provides}, without a receiver
   * @return the template
   * @throws IllegalArgumentException if {@code prototype} is of another kind or has a receiver
   * @throws NullPointerException if {@code prototype} is null
   */
  public static VarTemplate of(Entry prototype) {
    return new VarTemplate(dev.aijson.core.internal.NullArguments.check(prototype, "VarTemplate.of",
        "prototype", "Pass an entry of the template's kind, type, method and arguments."));
  }

  /**
   * Returns how many values a var of this template has: one per argument, then one per argument
   * of each injected member, in order.
   *
   * @return the length of the values array {@code record} takes
   */
  public int size() {
    return types.length;
  }

  /**
   * A value handed as {@code given} and what it was encoded as; immutable, so shared freely. The
   * given value (a bound instance or singleton of the injector) is referenced weakly: every var
   * of the template references the template, and the log must not keep what an injector bound
   * alive, nor through it the injector (a child injector's singleton may reference the child).
   */
  static final class Encoded extends java.lang.ref.WeakReference<Object> {
    private final Object value;

    Encoded(Object given, Object value) {
      super(given);
      this.value = value;
    }

    /**
     * Returns whether this encodes {@code given}, the same instance: asked without reading the
     * referent out, which under G1 would also mark it live.
     */
    boolean encodes(Object given) {
      return refersTo(given);
    }

    Object value() {
      return value;
    }
  }
}
