package dev.aijson.core.recording;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.Beans;
import dev.aijson.core.internal.Documents;
import dev.aijson.core.internal.Environment;
import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.internal.ValueEncoder;
import dev.aijson.core.internal.Values;
import dev.aijson.core.internal.WeakIdentityMap;
import java.lang.ref.WeakReference;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds a document while a program runs: each finished object becomes a var, its arguments are
 * encoded as document values, and objects are tracked by identity, weakly, so that a later
 * argument that is the same object becomes a {@code "$varN"} reference.
 *
 * <p>This is the engine behind {@code AiJsonModule}; use it directly only to record objects that
 * are not built by Guice. It is thread-safe, has no global state and stops recording at its var
 * cap or its byte budget, whichever comes first, after which {@link #snapshot()} says how many
 * vars were dropped and which bound was reached. It holds no lock of its own while it reads the
 * values it is given (a bean's getters, a collection's elements, a record's accessors), so a
 * thread that holds one of the application's locks while it records cannot deadlock with one that
 * reads such a value guarded by that lock.
 *
 * <pre>{@code
 * AiJsonRecorder recorder = AiJsonRecorder.withCap(100_000);
 * Tokenizer tokenizer = new Tokenizer("corpus.txt", 100);
 * recorder.record(Entry.constructor(Tokenizer.class, List.of(
 *     new Arg("file", String.class, "corpus.txt"),
 *     new Arg("vocabSize", int.class, 100)), tokenizer));
 * String json = recorder.snapshot().toJson();
 * }</pre>
 */
public final class AiJsonRecorder {
  /** The default var cap. */
  public static final int DEFAULT_CAP = 100_000;
  /** The default byte budget: 64 MiB of estimated document text. */
  public static final long DEFAULT_BYTE_BUDGET = 64L << 20;


  private final int cap;
  private final long byteBudget;
  // the estimated bytes of the vars kept, and whether a var was dropped for the byte budget;
  // the estimate's table of shared values is guarded by the recorder's lock
  private final ByteEstimate estimate = new ByteEstimate();
  // the bytes themselves are counted by the var store (see VarStore#addBytes)
  private volatile boolean overBudget;
  // Vars are numbered and tracked without a lock: many threads provision at once, and a var made
  // from a template needs nothing else (see record(VarTemplate, ...)). What else the recorder
  // keeps, and every var recorded otherwise, is guarded by the recorder's lock. The lock is never
  // held while the application's code runs: the values a var holds are read and encoded first
  // (a bean's getters, a collection's size and elements, a record's accessors, equals and
  // toString where a set is sorted), and the lock is taken only to number and store the vars that
  // encoding needs. A thread that holds one of the application's locks while it provisions must
  // not wait for a thread that, inside the recorder, waits for that lock; and a getter that
  // provisions, on its own thread or another, records as any provision does.
  private final VarStore vars;
  private final IdentityTable tracked = new IdentityTable();
  // by number, the keyless call vars (an @AiJson call's result) whose object a
  // singleton binding then handed out as its own: Guice's singleton scope kept that object, so
  // every later holder got the same one, and the var is written singleton (see heldBySingleton)
  private final Set<Integer> heldBySingleton = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** How many vars, in order, {@link #tracked} has indexed. */
  private volatile int indexed;
  private final java.util.concurrent.atomic.LongAdder droppedAtCap = new java.util.concurrent.atomic.LongAdder();
  /** The document value of each bound instance encoded so far, by identity, held weakly. */
  private final WeakIdentityMap<Object> boundValues = new WeakIdentityMap<>();
  /** The class of every var recorded, by binary name, held weakly, for the environment section. */
  private final Map<String, WeakReference<Class<?>>> classes = new HashMap<>();
  /** Versions read from jar manifests, by jar path, so each jar is read once. */
  private final Map<String, String> jarVersions = new HashMap<>();
  // Where each var came from when it was rebuilt from another document (recordAs): that
  // document and the var's place in it, by var number; null until the first recordAs, and null
  // for vars recorded as they were made. The document of a replay is written in its source's
  // order.
  private AiJsonDocument[] sources;
  private int[] sourcePositions;
  // What many vars have in common is kept once: a recording of a large graph holds hundreds of
  // thousands of vars made by a handful of constructors and methods.
  // by identity: a recording passes the same Type objects over and over
  private final Map<Type, String> typeNames = new IdentityHashMap<>();
  private final Map<List<String>, List<String>> signatures = new HashMap<>();
  private final Map<List<String>, String[]> kwargNames = new HashMap<>();
  private final Map<Class<?>, Map<String, String>> callers = new HashMap<>();
  /** What {@link ValueEncoder#inline} asks: the reference of an object already recorded. */
  private final Function<Object, AiJsonRef> refs = this::trackedRef;

  private AiJsonRecorder(int cap, long byteBudget) {
    this.cap = checkCap(cap);
    this.byteBudget = checkByteBudget(byteBudget);
    this.vars = new VarStore(cap);
  }

  /**
   * Returns {@code byteBudget} if it is a valid byte budget, the one check of that rule for every
   * place a budget is set ({@link #withBounds}, {@code AiJsonModule.withByteBudget}).
   *
   * @param byteBudget the most estimated bytes of document text to keep
   * @return {@code byteBudget}
   * @throws IllegalArgumentException if {@code byteBudget} is less than 1
   */
  public static long checkByteBudget(long byteBudget) {
    if (byteBudget <= 0) {
      throw new IllegalArgumentException("The byte budget is " + byteBudget + ", but it must be at"
          + " least 1: it is the most estimated bytes of document text a log keeps. Pass 1 or more"
          + " (the default is " + DEFAULT_BYTE_BUDGET + ", 64 MiB).");
    }
    return byteBudget;
  }

  /**
   * Returns {@code cap} if it is a valid var cap, the one check of that rule for every place a
   * cap is set ({@link #withCap}, {@code AiJsonModule.withVarCap}).
   *
   * @param cap the most vars to record
   * @return {@code cap}
   * @throws IllegalArgumentException if {@code cap} is less than 1
   */
  public static int checkCap(int cap) {
    if (cap <= 0) {
      throw new IllegalArgumentException("The var cap is " + cap + ", but it must be at least 1:"
          + " it is the most vars a log keeps. Pass 1 or more (the default is " + DEFAULT_CAP
          + ").");
    }
    return cap;
  }

  /**
   * Returns a recorder that keeps at most {@code cap} vars.
   *
   * @param cap the most vars to record; later ones are counted as dropped
   * @return a new, empty recorder
   * @throws IllegalArgumentException if {@code cap} is less than 1
   */
  public static AiJsonRecorder withCap(int cap) {
    return new AiJsonRecorder(cap, DEFAULT_BYTE_BUDGET);
  }

  /**
   * Returns a recorder that keeps at most {@code cap} vars and at most {@code byteBudget}
   * estimated bytes of document text, whichever it reaches first. A value that many vars share
   * by identity (the same bound instance) counts in full once and as a reference after that.
   *
   * @param cap the most vars to record; later ones are counted as dropped
   * @param byteBudget the most estimated bytes of document text to record; the var that would
   *     pass it and every later one are counted as dropped
   * @return a new, empty recorder
   * @throws IllegalArgumentException if {@code cap} or {@code byteBudget} is less than 1
   */
  public static AiJsonRecorder withBounds(int cap, long byteBudget) {
    return new AiJsonRecorder(cap, byteBudget);
  }

  /**
   * Records a finished object as the next var.
   *
   * @param entry what was made and how
   * @return the new var's name, or null if the cap was reached and the var was dropped
   */
  public String record(Entry entry) {
    NullArguments.check(entry, "AiJsonRecorder.record", "entry", "Pass what was made and how.");
    if (entry.singleton() && entry.kind() != AiJsonVar.Kind.CONSTRUCTOR) {
      heldBySingleton(entry.product());
    }
    return append(new Encoding(null, 0),
        encoding -> {
          AiJsonRef receiver = entry.receiver() == null ? null
              : entry.receiver() instanceof ModuleReceived module
                  ? moduleVar(module.state(), module.fields(), encoding)
              : entry.receiver() instanceof ModuleState module ? moduleVar(module, null, encoding)
              : refTo(entry.receiver(), entry.type(), encoding);
          List<Arg> args = entry.args();
          List<String> signature = new ArrayList<>(args.size());
          List<String> names = new ArrayList<>(args.size());
          Object[] values = new Object[args.size()];
          for (int i = 0; i < values.length; i++) {
            Arg arg = args.get(i);
            signature.add(typeName(arg.type()));
            names.add(arg.name());
            values[i] = Values.copy(encode(arg.value(), arg.type(), 0, encoding));
          }
          Map<String, Object> kwargs = kwargs(names, values);
          Map<String, Object> members = Values.EMPTY_OBJECT;
          if (!entry.members().isEmpty()) {
            members = new LinkedHashMap<>();
            for (Member member : entry.members()) {
              members.put(memberName(members, member, entry.type()), encodeMember(member, encoding));
            }
          }
          Map<String, Object> memberValues = members;
          return name -> new AiJsonVar(
              name, entry.kind(), packageOf(entry.type()), caller(entry.type(), entry.method()),
              entry.key(), entry.singleton(), receiver, signature(signature), kwargs, memberValues,
              entry.factory());
        },
        entry.product(), entry::type);
  }


  /**
   * Notes where var {@code index}, just added, came from: the document {@code encoding} replays,
   * or nowhere. Guarded by the lock.
   */
  private void noteSource(int index, Encoding encoding) {
    AiJsonDocument replaying = encoding.replaying;
    if (replaying == null) {
      return;
    }
    if (sources == null) {
      sources = new AiJsonDocument[Math.max(16, index * 2)];
      sourcePositions = new int[sources.length];
    }
    if (index >= sources.length) {
      int length = Math.max(index + 1, sources.length * 2);
      sources = Arrays.copyOf(sources, length);
      sourcePositions = Arrays.copyOf(sourcePositions, length);
    }
    sources[index] = replaying;
    sourcePositions[index] = encoding.replayingPosition;
  }

  /**
   * Returns, for each var in the order its object was finished, its place in the document, or
   * null if the document keeps that order. A document rebuilt wholly from one other document is
   * written in that document's order, whatever order replay built its objects in (a singleton
   * asked for first, eager singletons), so that recording a replay gives the same document; the
   * order is kept only if every reference still points back.
   */
  private int[] documentOrder(List<AiJsonVar> vars) {
    if (sources == null || vars.isEmpty() || sources[0] == null) {
      return null;
    }
    AiJsonDocument source = sources[0];
    Integer[] byPlace = new Integer[vars.size()];
    for (int i = 0; i < byPlace.length; i++) {
      if (i >= sources.length || sources[i] != source) {
        return null;
      }
      byPlace[i] = i;
    }
    // replay rebuilds every request of an unscoped key from the key's last var: the n-th object
    // made for a key takes the place of the key's n-th var in the source, so that a key asked for
    // as often as when it was recorded gives the recorded order; objects past the key's count
    // come in rounds after all of those
    List<AiJsonVar> sourceVars = source.vars();
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (int position = 0; position < sourceVars.size(); position++) {
      String key = sourceVars.get(position).key();
      if (key != null) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(position);
      }
    }
    int[] place = new int[byPlace.length];
    int[] round = new int[byPlace.length];
    Map<Object, Integer> made = new HashMap<>();
    for (int i = 0; i < byPlace.length; i++) {
      int from = sourcePositions[i];
      String key = sourceVars.get(from).key();
      List<Integer> twins = key == null ? null : byKey.get(key);
      int turn = made.merge(key != null ? key : (Object) from, 1, Integer::sum) - 1;
      int index = twins == null ? 0 : Math.min(turn, twins.size() - 1);
      place[i] = twins == null ? from : twins.get(index);
      round[i] = turn - index;
    }
    Arrays.sort(byPlace, Comparator.<Integer>comparingInt(i -> round[i])
        .thenComparingInt(i -> place[i]).thenComparingInt(i -> i));
    int[] order = new int[byPlace.length];
    boolean moved = false;
    for (int i = 0; i < byPlace.length; i++) {
      order[byPlace[i]] = i;
      moved |= byPlace[i] != i;
    }
    if (!moved) {
      return null;
    }
    for (int i = 0; i < order.length; i++) {
      for (AiJsonRef ref : vars.get(i).references()) {
        if (order[ref.number()] >= order[i]) {
          return null;
        }
      }
    }
    return order;
  }

  /** Returns the vars in document order (see {@link #documentOrder}), renamed to their places. */
  private List<AiJsonVar> ordered() {
    List<AiJsonVar> vars = materialized();
    int[] place = documentOrder(vars);
    if (place == null) {
      return vars;
    }
    AiJsonVar[] sorted = new AiJsonVar[place.length];
    Function<AiJsonRef, AiJsonRef> rename = ref -> AiJsonRef.to("var" + place[ref.number()]);
    for (int i = 0; i < place.length; i++) {
      AiJsonVar var = vars.get(i);
      sorted[place[i]] = new AiJsonVar("var" + place[i], var.kind(), var.module(), var.caller(),
          var.key(), var.singleton(), var.receiver() == null ? null : rename.apply(var.receiver()),
          var.signature(), rewriteObject(var.kwargs(), rename), rewriteObject(var.members(), rename),
          var.factory());
    }
    return new ArrayList<>(Arrays.asList(sorted));
  }

  /**
   * What the encoding of one var notes as it goes, its own so that threads recording at once, and
   * a provision that a getter makes in the middle of it, note their own: whether it needed an
   * opaque var past the cap (then the var is dropped), and, for a var rebuilt from another
   * document, where the vars it adds came from.
   */
  private static final class Encoding {
    /** Set if the encoding needed an opaque var past the cap; the var is dropped. */
    boolean capReached;
    /** The document being replayed, or null. */
    final AiJsonDocument replaying;
    /** The place in {@link #replaying} of the var a new var stands for. */
    int replayingPosition;

    Encoding(AiJsonDocument replaying, int replayingPosition) {
      this.replaying = replaying;
      this.replayingPosition = replayingPosition;
    }
  }

  /**
   * The encoding of a value taken before the code that receives it runs (see {@link
   * #asReceived}): it makes no var, so it notes nothing, and one serves every thread.
   */
  private static final Encoding EARLY = new Encoding(null, 0);

  /** A var whose values are encoded, waiting for its name. */
  private interface Draft {
    AiJsonVar named(String name);
  }

  /**
   * Adds the var {@code encode} drafts, named after the opaque vars its encoding added, and
   * tracks {@code product} by it; past the cap, counts it as dropped instead. The draft is encoded,
   * and the product looked at, without the lock: both read the application's objects.
   */
  private String append(Encoding encoding, Function<Encoding, Draft> encode, Object product,
      Supplier<Class<?>> type) {
    if (vars.size() >= cap || overBudget) {
      droppedAtCap.increment();
      return null;
    }
    Draft draft = encode.apply(encoding);
    if (encoding.capReached) {
      // an opaque var its arguments needed would pass the cap or the budget
      droppedAtCap.increment();
      return null;
    }
    // estimated under the number it will most likely get: another thread may take it first
    AiJsonVar likely = draft.named("var" + vars.size());
    // decided before a number is taken: whether a collection or a record is inline looks up the
    // vars its elements are, and a lookup waits for every number taken to be stored, this one's
    // too, which only this thread would store (see VarStore#get)
    Object kept = isTracked(product, likely.kind() == AiJsonVar.Kind.MULTIBINDING) ? product : null;
    Class<?> remembered = isRemembered(likely.className()) ? null : type.get();
    synchronized (this) {
      int index = !fits(estimate.of(likely)) ? -1 : vars.reserve();
      if (index < 0) {
        // the var would pass the cap or the budget
        droppedAtCap.increment();
        return null;
      }
      String name = "var" + index;
      AiJsonVar added = name.equals(likely.name()) ? likely : draft.named(name);
      Recorded var = new Recorded(kept, index, added);
      vars.set(index, var);
      noteSource(index, encoding);
      remember(remembered);
      return name;
    }
  }

  /** Whether the class of this binary name is noted for the environment section already. */
  private synchronized boolean isRemembered(String className) {
    return classes.containsKey(className);
  }

  /**
   * Records a finished object made by the constructor or method {@code template} stands for, as
   * the next var, as {@link #record(Entry)} does with an entry of the template's parts and these
   * values, but without taking the recorder's lock for values that are references to vars
   * already recorded, JSON scalars, or the same bound instances as before. The values array is
   * encoded in place and its elements kept by the var; the array itself is the caller's again
   * once this returns.
   *
   * <p>Each value is what {@link Arg#value()} would hold, or what this method returned for the
   * object that filled it (the fastest way to say "this argument is that var's object").
   *
   * @param template the var's template
   * @param key the key the object was bound to, or null
   * @param singleton whether the key is singleton-scoped
   * @param values the argument values, then the members' argument values, in the template's
   *     order; overwritten with their encoded forms
   * @param product the object made, tracked by identity unless it is a JSON value; may be null
   * @return a handle on the var {@code product} is tracked by, to pass as a later value standing
   *     for {@code product}; null if it is not tracked (a JSON value, or the var was dropped at
   *     the cap)
   * @throws IllegalArgumentException if {@code values} does not have {@link VarTemplate#size()}
   *     elements
   * @throws NullPointerException if {@code template} or {@code values} is null
   */
  public Object record(VarTemplate template, String key, boolean singleton, Object[] values, Object product) {
    NullArguments.check(template, "AiJsonRecorder.record", "template", "Pass the template of the var's binding.");
    NullArguments.check(values, "AiJsonRecorder.record", "values", "Pass one value per argument of the template.");
    if (values.length != template.types.length) {
      throw new IllegalArgumentException("The template of " + template.caller + " takes "
          + template.types.length + " values, not " + values.length + ". Pass one per argument.");
    }
    if (singleton && template.kind != AiJsonVar.Kind.CONSTRUCTOR) {
      heldBySingleton(product);
    }
    // the number this var will most likely get (another thread may take it first), read once:
    // other threads recording at once update it
    int likely = vars.size();
    if (likely >= cap || overBudget) {
      droppedAtCap.increment();
      return trackedVar(product);
    }
    for (int i = 0; i < values.length; i++) {
      Object value = encodeFast(template, i, values[i]);
      if (value == DROPPED) {
        droppedAtCap.increment();
        return trackedVar(product);
      }
      values[i] = value;
    }
    boolean trackable = product != null
        && (product.getClass() == template.plainProduct || isTrackedProduct(template, product));
    // a var written alike to the template's last var shares its shape and is 40 bytes (one that
    // keeps its own key and values is 40 to 56)
    Recorded last = template.last;
    Recorded.Shape shape = null;
    long size;
    if (last != null && template.names != null && last.matches(key, values)) {
      shape = last.body instanceof Recorded.Shape known
          ? known : new Recorded.Shape(last, bytes(template, key, values, likely) - decimalLength(likely));
      size = shape.bytes + decimalLength(likely);
    } else {
      size = bytes(template, key, values, likely);
    }
    int index = fits(size) ? vars.reserve() : -1;
    if (index < 0) {
      droppedAtCap.increment();
      return trackedVar(product);
    }
    Object kept = trackable ? product : null;
    Recorded var = shape != null
        ? new Recorded(kept, index, shape, singleton) : Recorded.of(kept, index, template, key, singleton, values);
    vars.set(index, var);
    if (shape == null || last.body != shape) {
      // written only when it changes: a template outlives young collections, and each write of a
      // young object into it is work for the collector's write barrier
      template.last = var;
    }
    if (!template.remembered) {
      synchronized (this) {
        remember(template.type);
      }
      template.remembered = true;
    }
    if (!trackable) {
      return null;
    }
    // a constructor's product is a new object, so no var tracks it yet; a method may return an
    // object it returned before, whose first var stands for it
    return template.kind == AiJsonVar.Kind.CONSTRUCTOR ? var : tracked(product);
  }

  /** What {@link #encodeFast} returns when the var must be dropped: a value needed a var past the cap. */
  private static final Object DROPPED = new Object();

  private Object encodeFast(VarTemplate template, int i, Object given) {
    if (given instanceof Recorded) {
      return given;
    }
    boolean shared = given instanceof Bound || given instanceof ProviderOf;
    if (shared) {
      // the integration hands the same instance for what does not change between provisions
      VarTemplate.Encoded known = template.encoded[i];
      if (known != null && known.encodes(given)) {
        return known.value();
      }
    } else if (given == null || given instanceof String || given instanceof Boolean || given instanceof Number
        || given instanceof Character || given instanceof Enum<?>) {
      Object inline = ValueEncoder.inline(given, template.types[i]);
      if (inline != ValueEncoder.NOT_INLINE) {
        return inline;
      }
    } else if (!(given instanceof Collection<?> || given instanceof Map<?, ?> || given instanceof Record
        || given instanceof Unobserved || given instanceof Elements || given instanceof Received
        || given.getClass().isArray())) {
      Recorded var = tracked(given);
      if (var != null) {
        return var;
      }
    }
    // encoded without the lock: encoding reads the application's objects (see vars)
    Encoding encoding = new Encoding(null, 0);
    Object value = Values.copy(encode(given, template.types[i], 0, encoding));
    if (encoding.capReached) {
      return DROPPED;
    }
    // a bound bean, or a mutable collection, map, array or record, may have changed by the
    // next provision: checked again each time (see encodeBound)
    if (shared && !(given instanceof Bound bound && isChangeable(bound.instance()))) {
      template.encoded[i] = new VarTemplate.Encoded(given, value);
    }
    return value;
  }

  /**
   * Whether a bound instance, once encoded, may hold something else later: a bean, or a
   * structured value the recorder keeps checking (see {@link #encodeBound}).
   */
  private boolean isChangeable(Object instance) {
    if (instance == null) {
      return false;
    }
    if (Beans.isBean(instance.getClass())) {
      return true;
    }
    return (instance instanceof Collection<?> || instance instanceof Map<?, ?> || instance instanceof Record
        || instance.getClass().isArray()) && boundValues.get(instance) instanceof Checked;
  }

  /**
   * Counts {@code size} estimated bytes if they fit the byte budget; else notes that the budget
   * was reached, which drops this var and every later one.
   */
  private boolean fits(long size) {
    for (long kept = vars.bytes(); ; kept = vars.bytes()) {
      if (overBudget || kept + size > byteBudget) {
        overBudget = true;
        return false;
      }
      if (vars.addBytes(kept, kept + size)) {
        return true;
      }
    }
  }

  /**
   * Returns what {@link ByteEstimate#of} gives for the var {@code values} make from {@code
   * template}, numbered {@code number}, without making the var: the template's share is worked
   * out once.
   */
  private long bytes(VarTemplate template, String key, Object[] values, int number) {
    if (template.names == null) {
      // two parameters of one name: estimated from the var itself
      Recorded draft = Recorded.of(null, number, template, key, false, values);
      synchronized (this) {
        return estimate.of(materialize(draft, new AiJsonRef[Math.max(number, vars.size()) + 1]));
      }
    }
    long size = template.bytes + decimalLength(number) + 3
        + (key == null ? 0 : key.length() + 10);
    int next = template.parameters;
    for (int i = 0; i < next; i++) {
      size += valueBytes(values[i]);
    }
    for (int m = 0; m < template.memberNames.length; m++) {
      for (int j = 0; j < template.memberArgs[m].length; j++) {
        size += valueBytes(values[next++]);
      }
    }
    return size;
  }

  /**
   * Returns how many decimal digits {@code number} (at least 0) has, as {@code
   * Integer.toString(number).length()} would, without making the string: this runs for every var
   * and every reference recorded.
   */
  static int decimalLength(int number) {
    if (number < 10) {
      return 1;
    }
    // a var's number is counted at every var: a guess from its bit length and one comparison
    // instead of a multiplication per digit
    int guess = (32 - Integer.numberOfLeadingZeros(number)) * 1233 >>> 12;
    return guess + (number >= POWERS_OF_TEN[guess] ? 1 : 0);
  }

  private static final int[] POWERS_OF_TEN = {
      1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

  private long valueBytes(Object value) {
    // the encoded scalars are final classes, each told by one comparison, and are tested before
    // the interfaces List and Map, which an object is tested against by a search of its types
    if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
        || value instanceof BigDecimal || value instanceof AiJsonRef) {
      return estimate.scalar(value);
    }
    if (value instanceof Recorded var) {
      return decimalLength(var.index()) + 7L; // "varN" and its quotes and dollar sign
    }
    if (value instanceof java.util.List<?> || value instanceof Map<?, ?>) {
      synchronized (this) {
        return estimate.value(value);
      }
    }
    return estimate.scalar(value);
  }

  /**
   * Notes that a singleton binding's method or provider returned {@code product}, if an earlier
   * keyless {@code call} var made it (an {@code @AiJson} call's result; an assisted factory's
   * product is not marked, as a {@code factory} var takes no scope): what
   * received it references that var, and Guice's singleton scope gave every later holder the same
   * object, so the var is written {@code "scope": "singleton"} and replay keeps one object of it,
   * not one per request. A var with a key of its own keeps its key's scope.
   */
  private void heldBySingleton(Object product) {
    Recorded earlier = product == null || product instanceof String || product instanceof Number
        || product instanceof Boolean ? null : tracked(product);
    if (earlier == null || earlier.singleton()) {
      return;
    }
    boolean whole = earlier.body instanceof AiJsonVar;
    AiJsonVar.Kind kind = whole ? ((AiJsonVar) earlier.body).kind() : earlier.template().kind;
    String key = whole ? ((AiJsonVar) earlier.body).key() : earlier.key();
    if (key == null && kind == AiJsonVar.Kind.CALL) {
      heldBySingleton.add(earlier.index());
    }
  }

  /** Returns the var {@code product} is tracked by, or null. */
  private Recorded trackedVar(Object product) {
    return product == null ? null : tracked(product);
  }

  private AiJsonRef trackedRef(Object object) {
    Recorded var = tracked(object);
    return var == null ? null : var.ref();
  }

  /**
   * Returns the first var whose object is {@code object}, or null. Vars are tracked lazily: the
   * identity hash code of an object is dear to work out the first time (a call into the VM), and
   * most objects are never looked up (an argument filled by a provision is handed over as its
   * var), so a var's object is indexed only at the first lookup after it was recorded, and only
   * if it is still alive then; and only if it is of the class looked up, until lookups of many
   * classes have read each var several times (see {@link #index(Class)}).
   */
  private Recorded tracked(Object object) {
    if (indexed != vars.size()) {
      index(object.getClass());
    }
    return tracked.get(object);
  }

  /**
   * How many times, on average, the lookups of each class may read a var recorded since the last
   * full index before the next lookup indexes them all instead. A method's product is looked up
   * at every provision (it may be an object recorded before), and most are new objects: reading
   * the vars recorded since the last lookup of its class and hashing only those of that class
   * costs a read per var, where indexing them all costs an identity hash code per var (a call
   * into the VM for an object never hashed) and a slot in the table. A recording whose lookups
   * are of a few classes never pays a full index; one whose lookups are of many classes pays it
   * once the reads pass this many per var, so no var is read more often than that.
   */
  private static final int SCANS_PER_VAR = 4;

  /** Reads a lookup may make beyond {@link #SCANS_PER_VAR} per var, so that the first few scan. */
  private static final int CLASS_SCAN = 64;

  /**
   * For each class looked up since the last full index: the vars below this number whose objects
   * are of that class are indexed. Guarded by {@link #tracked}'s lock.
   */
  private final Map<Class<?>, int[]> indexedByClass = new HashMap<>();

  /** How many vars the lookups by class have read since the last full index. Guarded by {@link #tracked}'s lock. */
  private long classScanned;

  /**
   * Indexes, in order, every var that a lookup of an object of class {@code type} may find: those
   * whose object is of that very class (an object is its var's object only if their classes are
   * the same), or every var if the lookups by class have read more than {@link #SCANS_PER_VAR}
   * times the vars recorded since the last full index. The first var of an object stands for it:
   * within a class, vars are indexed in their order, and a full index keeps the var an object is
   * indexed by already.
   */
  private void index(Class<?> type) {
    synchronized (tracked) {
      int size = vars.size();
      int from = indexed;
      // one number per class, updated in place: a lookup of a method's product runs at every
      // provision of it, and a put of a boxed number was a third of the lookup
      int[] byClass = indexedByClass.get(type);
      if (byClass != null && byClass[0] > from) {
        from = byClass[0];
      }
      long reads = classScanned + (size - from);
      boolean all = reads > (long) SCANS_PER_VAR * (size - indexed) + CLASS_SCAN;
      for (int i = all ? indexed : from; i < size; i++) {
        Recorded var = vars.get(i);
        Object object = var.get();
        if (object != null && (all || object.getClass() == type)) {
          tracked.putIfAbsent(object, var);
        }
      }
      if (all) {
        indexed = size;
        classScanned = 0;
        indexedByClass.clear(); // each at or below indexed now
      } else {
        classScanned = reads;
        if (byClass == null) {
          indexedByClass.put(type, new int[] {size});
        } else {
          byClass[0] = size;
        }
      }
    }
  }

  /**
   * Returns the vars recorded so far as document vars, in the order they were recorded. The
   * references of vars recorded from a template are made here, one per var referenced.
   */
  private List<AiJsonVar> materialized() {
    int size = vars.size();
    List<AiJsonVar> list = new ArrayList<>(size);
    AiJsonRef[] refs = new AiJsonRef[size];
    for (int i = 0; i < size; i++) {
      Recorded var = vars.get(i);
      AiJsonVar made = var.body instanceof AiJsonVar whole ? whole : materialize(var, refs);
      if (!made.singleton() && !heldBySingleton.isEmpty() && heldBySingleton.contains(i)) {
        made = new AiJsonVar(made.name(), made.kind(), made.module(), made.caller(), made.key(), true,
            made.receiver(), made.signature(), made.kwargs(), made.members(), made.factory());
      }
      list.add(made);
    }
    return list;
  }

  private static AiJsonVar materialize(Recorded var, AiJsonRef[] refs) {
    VarTemplate template = var.template();
    int parameters = template.parameters;
    Object[] kwargValues = new Object[parameters];
    for (int i = 0; i < parameters; i++) {
      kwargValues[i] = resolve(var.value(i), refs);
    }
    Map<String, Object> kwargs;
    if (template.names != null) {
      kwargs = new Values.DocumentMap(template.names, kwargValues);
    } else {
      kwargs = new LinkedHashMap<>();
      for (int i = 0; i < parameters; i++) {
        kwargs.put(template.parameterNames.get(i), kwargValues[i]);
      }
    }
    Map<String, Object> members = Values.EMPTY_OBJECT;
    if (template.memberNames.length > 0) {
      members = new LinkedHashMap<>();
      int next = parameters;
      for (int m = 0; m < template.memberNames.length; m++) {
        String[] args = template.memberArgs[m];
        Object value;
        if (template.fields[m]) {
          value = resolve(var.value(next++), refs);
        } else {
          Map<String, Object> memberKwargs = new LinkedHashMap<>();
          for (String arg : args) {
            memberKwargs.put(arg, resolve(var.value(next++), refs));
          }
          value = memberKwargs;
        }
        members.put(template.memberNames[m], value);
      }
    }
    return new AiJsonVar("var" + var.index(), template.kind, template.module, template.caller, var.key(),
        var.singleton(), null, template.signature, kwargs, members, template.factory);
  }

  private static Object resolve(Object value, AiJsonRef[] refs) {
    if (!(value instanceof Recorded var)) {
      return value;
    }
    int index = var.index();
    AiJsonRef ref = refs[index];
    if (ref == null) {
      ref = var.ref();
      refs[index] = ref;
    }
    return ref;
  }

  /**
   * Records an object rebuilt from another document's var, as the next var: the same kind,
   * class, key, signature and values, with each reference rewritten to the var of the object
   * that stood for it in the rebuild. This keeps a replayed pipeline's document identical to the
   * one it was replayed from.
   *
   * @param template the var the object was rebuilt from
   * @param source the document {@code template} belongs to, whose vars name the keys of objects
   *     that were supplied rather than rebuilt
   * @param objects gives, for each reference in {@code template}, the object used for it
   * @param product the rebuilt object
   * @return the new var's name, or null if the cap was reached and the var was dropped
   */
  public String recordAs(
      AiJsonVar template, AiJsonDocument source, Function<AiJsonRef, Object> objects, Object product) {
    return recordAs(template, source, objects, product, List.of());
  }

  /**
   * Records an object rebuilt from another document's var with some of its kwargs given anew, as
   * {@link #recordAs(AiJsonVar, AiJsonDocument, Function, Object)} does, with each of {@code
   * arguments} encoded as {@link #record} encodes an argument in place of the template's kwarg of
   * the same name. A replayed assisted-inject factory called with arguments the template was not
   * recorded with is recorded this way.
   *
   * @param template the var the object was rebuilt from
   * @param source the document {@code template} belongs to
   * @param objects gives, for each reference in the kwargs kept from {@code template}, the object
   *     used for it
   * @param product the rebuilt object
   * @param arguments the kwargs given anew, each named as a kwarg of {@code template}
   * @return the new var's name, or null if the cap was reached and the var was dropped
   * @throws IllegalArgumentException if an argument names no kwarg of {@code template}
   * @throws NullPointerException if {@code template}, {@code source}, {@code objects}, {@code
   *     product} or {@code arguments} is null
   */
  public String recordAs(AiJsonVar template, AiJsonDocument source,
      Function<AiJsonRef, Object> objects, Object product, List<Arg> arguments) {
    NullArguments.check(template, "AiJsonRecorder.recordAs", "template", "Pass the var rebuilt.");
    NullArguments.check(source, "AiJsonRecorder.recordAs", "source", "Pass the template's document.");
    NullArguments.check(arguments, "AiJsonRecorder.recordAs", "arguments", "Pass the kwargs given"
        + " anew, or an empty list.");
    NullArguments.check(objects, "AiJsonRecorder.recordAs", "objects", "Pass the function that"
        + " gives the object used for each reference.");
    NullArguments.check(product, "AiJsonRecorder.recordAs", "product", "Pass the rebuilt object.");
    Map<String, Arg> given = new HashMap<>();
    for (Arg argument : arguments) {
      if (!template.kwargs().containsKey(argument.name())) {
        throw new IllegalArgumentException(template.label() + " has no kwarg \"" + argument.name()
            + "\"; its kwargs are " + template.kwargs().keySet() + ". Name one of those.");
      }
      given.put(argument.name(), argument);
    }
    return appendAs(template, source, objects, product, given);
  }

  private String appendAs(AiJsonVar template, AiJsonDocument source,
      Function<AiJsonRef, Object> objects, Object product, Map<String, Arg> given) {
    return append(new Encoding(source, source.position(template.name())),
        encoding -> {
          Function<AiJsonRef, AiJsonRef> rewrite = ref -> rewrite(ref, source, objects, encoding);
          AiJsonRef receiver = template.receiver() == null ? null : rewrite.apply(template.receiver());
          Map<String, Object> kwargs = new LinkedHashMap<>();
          template.kwargs().forEach((name, value) -> {
            Arg argument = given.get(name);
            kwargs.put(name, argument == null ? rewriteValue(value, rewrite)
                : Values.copy(encode(argument.value(), argument.type(), 0, encoding)));
          });
          Map<String, Object> members = rewriteObject(template.members(), rewrite);
          return name -> new AiJsonVar(name, template.kind(), template.module(), template.caller(),
              template.key(), template.singleton(), receiver, template.signature(), kwargs, members,
              template.factory());
        },
        product,
        () -> Environment.load(template.className(),
            template.receiver() != null ? objects.apply(template.receiver()) : product));
  }

  private static Map<String, Object> rewriteObject(Map<String, Object> values, Function<AiJsonRef, AiJsonRef> rewrite) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((name, value) -> copy.put(name, rewriteValue(value, rewrite)));
    return copy;
  }

  private static Object rewriteValue(Object value, Function<AiJsonRef, AiJsonRef> rewrite) {
    if (value instanceof AiJsonRef ref) {
      return rewrite.apply(ref);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(element -> copy.add(rewriteValue(element, rewrite)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((name, element) -> copy.put((String) name, rewriteValue(element, rewrite)));
      return copy;
    }
    return value;
  }

  private AiJsonRef rewrite(AiJsonRef ref, AiJsonDocument source, Function<AiJsonRef, Object> objects,
      Encoding encoding) {
    Object object = objects.apply(ref);
    if (object == null) {
      throw new IllegalStateException("no object stands for " + ref + " in the rebuild");
    }
    AiJsonRef known = trackedRef(object);
    if (known != null) {
      return known;
    }
    AiJsonVar original = source.var(ref.var());
    int position = encoding.replayingPosition;
    encoding.replayingPosition = source.position(ref.var());
    try {
      return newOpaque(object, object.getClass(), original.key(), encoding);
    } finally {
      encoding.replayingPosition = position;
    }
  }

  /**
   * Returns whether {@code object} is the object of a var: {@code varOf(object) != null}, without
   * working out the var's name, which a recording of a replay numbers in the replayed document's
   * order only by reading the whole log.
   *
   * <pre>{@code
   * if (!recorder.tracks(argument)) {
   *   // a value no var stands for
   * }
   * }</pre>
   *
   * @param object any object; null, like an object not recorded, gives false
   * @return whether a var stands for it
   */
  public boolean tracks(Object object) {
    return object != null && tracked(object) != null;
  }

  /**
   * Returns the name of the var that made {@code object}, or null if it is not tracked.
   *
   * @param object any object; null, like an object not recorded, gives null
   * @return the var name, or null
   */
  public synchronized String varOf(Object object) {
    Recorded known = object == null ? null : tracked(object);
    if (known == null) {
      return null;
    }
    int[] place = sources == null ? null : documentOrder(materialized());
    return "var" + (place == null ? known.index() : place[known.index()]);
  }

  /**
   * Returns the var cap.
   *
   * @return the most vars this recorder records before it drops the rest
   */
  public int cap() {
    return cap;
  }

  /**
   * Returns the byte budget.
   *
   * @return the most estimated bytes of document text this recorder records before it drops
   *     the rest
   */
  public long byteBudget() {
    return byteBudget;
  }

  /**
   * Returns whether this recorder drops every var it is given from now on: the var cap or the
   * byte budget is reached. An integration need not take values for a var (see {@link
   * #asReceived}) once it is.
   *
   * @return whether the cap or the byte budget is reached
   */
  public boolean isFull() {
    return overBudget || vars.size() >= cap;
  }

  /**
   * Returns how many vars have been recorded so far.
   *
   * @return the number of vars recorded, not counting dropped ones
   */
  public int size() {
    return vars.size();
  }

  /**
   * Returns a document of everything recorded so far; consistent even while others record.
   *
   * @return the document, cut if the cap was reached
   */
  public synchronized AiJsonDocument snapshot() {
    long dropped = droppedAtCap.sum();
    return Documents.trusted(ordered(), dropped > 0 ? cap : 0, overBudget ? byteBudget : 0, dropped,
        Map.of());
  }

  /**
   * Returns a document of everything recorded so far with an {@code environment} section: the
   * Java version, the version of each library in {@code libraries}, and for each recorded class
   * the jar (or class folder) it came from, by file name only, with the jar's
   * Implementation-Version (else Bundle-Version) where its manifest has one. Classes of the JDK
   * are left out. The section is written in a fixed order, so the same classpath gives the same
   * document; {@link AiJsonDocument#equals} and the diff tool ignore it.
   *
   * @param libraries a class of each library whose version to write, by the name to write it
   *     under, such as {@code Map.of("guice", Guice.class)}; null writes none
   * @return the document
   */
  public synchronized AiJsonDocument snapshotWithEnvironment(Map<String, Class<?>> libraries) {
    Map<String, Class<?>> recorded = new HashMap<>();
    List<AiJsonVar> ordered = ordered();
    for (AiJsonVar var : ordered) {
      WeakReference<Class<?>> type = classes.get(var.className());
      Class<?> known = type == null ? null : type.get();
      if (known != null) {
        recorded.put(var.className(), known);
      }
    }
    Map<String, Object> environment =
        Environment.capture(recorded, libraries == null ? Map.of() : libraries, jarVersions);
    long dropped = droppedAtCap.sum();
    return Documents.trusted(ordered, dropped > 0 ? cap : 0, overBudget ? byteBudget : 0, dropped,
        environment);
  }

  private void remember(Class<?> type) {
    if (type != null && !classes.containsKey(type.getName())) {
      classes.put(type.getName(), new WeakReference<>(type));
    }
  }

  /**
   * Returns {@link #isTracked} of the product of a var made from {@code template}, and notes its
   * class on the template if no object of that class is a JSON value, so that the next product of
   * the class is told apart by one comparison: the type tests of {@link #isPlain} include
   * interfaces, which a provision would otherwise test its product against every time.
   */
  private boolean isTrackedProduct(VarTemplate template, Object product) {
    if (isPlain(product.getClass())) {
      template.plainProduct = product.getClass();
      return true;
    }
    return isTracked(product, false);
  }

  /** Returns whether {@code product} is tracked as the object of its var: unless it is inline. */
  private boolean isTracked(Object product, boolean collection) {
    // a multibinding's collection is tracked although it could be written inline: who receives
    // it references the var, which says which binder made it
    // and so is a bean a var made: it may be shared, and changed, like any component
    return product != null && (collection || !isInline(product) || Beans.isBean(product.getClass()));
  }

  private synchronized String typeName(Type type) {
    String name = typeNames.get(type);
    if (name == null) {
      name = AiJsonTypes.name(type);
      typeNames.put(type, name);
    }
    return name;
  }

  private synchronized List<String> signature(List<String> names) {
    List<String> shared = signatures.get(names);
    if (shared == null) {
      shared = List.copyOf(names);
      signatures.put(shared, shared);
    }
    return shared;
  }

  private synchronized String caller(Class<?> type, String method) {
    return callers.computeIfAbsent(type, t -> new HashMap<>())
        .computeIfAbsent(method == null ? "" : method, m -> callerOf(type, method));
  }

  /** Returns the kwargs object, sharing the array of names with every var of the same names. */
  private synchronized Map<String, Object> kwargs(List<String> names, Object[] values) {
    String[] shared = kwargNames.get(names);
    if (shared == null) {
      if (new HashSet<>(names).size() < names.size()) {
        // two parameters of one name: the later value wins, as in any JSON object
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
          kwargs.put(names.get(i), values[i]);
        }
        return kwargs;
      }
      shared = names.toArray(new String[0]);
      kwargNames.put(List.copyOf(names), shared);
    }
    return new Values.DocumentMap(shared, values);
  }

  private Object encodeMember(Member member, Encoding encoding) {
    if (member.field()) {
      Arg arg = member.args().get(0);
      return encode(arg.value(), arg.type(), 0, encoding);
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    for (Arg arg : member.args()) {
      kwargs.put(arg.name(), encode(arg.value(), arg.type(), 0, encoding));
    }
    return kwargs;
  }

  private static String memberName(Map<String, Object> taken, Member member, Class<?> type) {
    return taken.containsKey(member.name()) ? type.getSimpleName() + "." + member.name() : member.name();
  }

  private Object encode(Object value, Type declared, int depth, Encoding encoding) {
    if (value instanceof ProviderOf provider) {
      return Map.of("provider", provider.key());
    }
    if (value instanceof Unobserved unobserved) {
      // a value that would have been written inline is unknown, never a default such as 0;
      // an unseen component stays an opaque var that serving supplies
      return newVar(isValueType(unobserved.type()) ? AiJsonVar.Kind.UNOBSERVED : AiJsonVar.Kind.OPAQUE,
          null, unobserved.type(), unobserved.key(), encoding);
    }
    if (value instanceof Elements elements) {
      List<Object> list = new ArrayList<>(elements.values().size());
      for (Object element : elements.values()) {
        list.add(encode(element, declared, depth + 1, encoding));
      }
      return list;
    }
    if (value instanceof Received received) {
      return received.encoded();
    }
    if (value instanceof Bound bound) {
      return encodeBound(bound, declared, depth, false, encoding);
    }
    return encodeValue(value, declared, depth, null, encoding);
  }

  /**
   * Returns an argument value as it is now, to pass to {@code record} in its place once the
   * constructor, method or call that receives it has run: that code may change what it received
   * (add to a bound list, sort a list it was passed, call a setter of a configuration bean), and
   * the document states what it received. An integration calls this just before the code runs.
   *
   * <p>A value that cannot hold anything else, or that is not written inline (an object of the
   * graph, an opaque one), is returned as it is, and so is a value this method returned; a
   * {@link ModuleState}, the receiver of a provides entry, stands for its fields as they are; a
   * collection, map, array, record or configuration bean, as it is or as a {@link Bound}
   * instance, is encoded now (a bound one only if it changed since it was last encoded) and
   * stands for that encoding.
   *
   * @param given an argument value as {@link Arg#value()} holds it; may be null
   * @param declared the declared type of the parameter, as {@link Arg#type()} holds it, or null
   *     if it is not known (then a double written as a string is written inline wherever it goes)
   * @return what to pass for it
   */
  public Object asReceived(Object given, Type declared) {
    if (given instanceof ModuleState state) {
      return new ModuleReceived(state, fieldsNow(state));
    }
    Object value = given instanceof Bound bound ? bound.instance() : given;
    if (value == null || given instanceof Received || !(value instanceof Collection<?> || value instanceof Map<?, ?>
        || value instanceof Record || value.getClass().isArray() || Beans.isBean(value.getClass()))) {
      return given;
    }
    // encoded without the lock: encoding reads the application's objects (see vars)
    Object encoded;
    if (given instanceof Bound bound) {
      encoded = encodeBound(bound, declared, 0, true, EARLY);
    } else {
      // an object of the graph is that var, whatever it holds; a collection or bean a var made too
      encoded = trackedRef(value) != null ? NOT_YET : ValueEncoder.inline(value, declared, 0, refs);
      encoded = encoded == ValueEncoder.NOT_INLINE || encoded == NOT_YET ? NOT_YET : Values.copy(encoded);
    }
    return encoded == NOT_YET || encoded instanceof AiJsonRef ? given : new Received(encoded);
  }

  /**
   * Returns whether a value handed to the recorder as {@code given} may hold something else at a
   * later provision: false for null, a scalar, an object that is not a JSON value, and a
   * JDK or Guava immutable collection, or a record, that holds only strings, numbers, booleans,
   * characters, enums and such collections and records. An integration need not call {@link
   * #asReceived} for a value for which this is false.
   *
   * @param given an argument value as {@link Arg#value()} holds it; may be null
   * @return whether it may change
   */
  public static boolean mayChange(Object given) {
    Object value = given instanceof Bound bound ? bound.instance() : given;
    if (value == null || !(value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Record
        || value.getClass().isArray())) {
      return value != null && Beans.isBean(value.getClass());
    }
    return Snapshot.of(value) != Snapshot.FIXED;
  }

  /** A value encoded before the code that received it ran (see {@link #asReceived}). */
  private record Received(Object encoded) {}

  /** A module's state with its fields read before its method ran (see {@link #asReceived}). */
  private record ModuleReceived(ModuleState state, Object[] fields) {}

  /** What {@link #encodeBound} returns, asked early, for a value it does not encode yet. */
  private static final Object NOT_YET = new Object();

  /**
   * Encodes a bound instance. A bound instance is the same object at every provision: a
   * structured one is encoded and then shared by every var that gets it while it holds what it
   * held (a set sorted once, a record's accessors run once, one copy in memory however many vars
   * hold it). The application may change a bean, a mutable collection, map or array, or a record
   * holding one, between provisions (and what receives it may change it): a bean is encoded each
   * time, sharing the earlier copy while that is still what it holds; the others are compared
   * with a {@link Snapshot} of what they held when encoded, and encoded again where that differs.
   * {@code early}, for {@link #asReceived}, makes no var: it returns {@link #NOT_YET} for a value
   * that is not written inline.
   */
  private Object encodeBound(Bound bound, Type declared, int depth, boolean early, Encoding encoding) {
    Object value = bound.instance();
    boolean bean = value != null && Beans.isBean(value.getClass());
    boolean structured = bean || value instanceof Collection<?> || value instanceof Map<?, ?>
        || value instanceof Record || value != null && value.getClass().isArray();
    Object cached = structured ? boundValues.get(value) : null;
    if (cached != null && !bean && !(cached instanceof Checked)) {
      return cached; // it cannot change
    }
    if (cached instanceof Checked checked && checked.snapshot() != null && Snapshot.matches(value, checked.snapshot())) {
      return checked.encoded();
    }
    Object known = cached instanceof Checked checked ? checked.encoded() : cached;
    // taken before encoding: a change made while it is encoded is seen at the next provision
    Object snapshot = structured && !bean ? Snapshot.of(value) : null;
    Object encoded;
    if (early) {
      encoded = value instanceof Collection<?> || value instanceof Map<?, ?> || bean ? trackedRef(value) : null;
      encoded = encoded != null ? NOT_YET : ValueEncoder.inline(value, declared, depth, refs);
      if (encoded == ValueEncoder.NOT_INLINE || encoded == NOT_YET) {
        return NOT_YET; // an opaque var or a reference: made when the var is recorded
      }
    } else {
      encoded = encodeValue(value, declared, depth, bound.key(), encoding);
    }
    if (structured && !(encoded instanceof AiJsonRef) && !encoding.capReached) {
      encoded = Values.copy(encoded);
      Object kept = encoded.equals(known) ? known : encoded;
      if (bean) {
        if (kept != known) {
          boundValues.put(value, kept);
        }
      } else {
        // no snapshot (a bean inside, or too large): never matches, so encoded at each provision
        boundValues.put(value, snapshot == Snapshot.FIXED ? kept : new Checked(kept, snapshot));
      }
      if (kept == known) {
        return known;
      }
      synchronized (this) {
        estimate.share(encoded);
      }
    }
    return encoded;
  }

  /**
   * A bound value's encoding, with the snapshot of what the value held when it was encoded, or
   * null if none could be taken (then it is encoded at each provision).
   */
  private record Checked(Object encoded, Object snapshot) {}

  /** Whether a record class cannot change once made (see {@link #FIXED_RECORDS}). */
  static boolean isFixedRecord(Class<?> type) {
    return FIXED_RECORDS.get(type);
  }

  /**
   * Whether a record class cannot change once made: each component is a primitive, a string, a
   * boxed or big number, an enum, or such a record (most configuration records are).
   */
  private static final ClassValue<Boolean> FIXED_RECORDS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
        Class<?> c = component.getType();
        boolean fixed = c.isPrimitive() || c == String.class || c == Boolean.class || c == Character.class
            || c.isEnum() || c == java.math.BigDecimal.class || c == java.math.BigInteger.class
            || c == Long.class || c == Integer.class || c == Short.class || c == Byte.class
            || c == Double.class || c == Float.class
            || c.isRecord() && c != type && get(c);
        if (!fixed) {
          return false;
        }
      }
      return true;
    }
  };

  private Object encodeValue(Object value, Type declared, int depth, String key, Encoding encoding) {
    // a collection or a bean that a var made is that var, not a copy of its contents
    if (value instanceof Collection<?> || value instanceof Map<?, ?>
        || value != null && Beans.isBean(value.getClass())) {
      AiJsonRef collection = trackedRef(value);
      if (collection != null) {
        return collection;
      }
    }
    Object inline = ValueEncoder.inline(value, declared, depth, refs);
    if (inline != ValueEncoder.NOT_INLINE) {
      return inline;
    }
    AiJsonRef known = trackedRef(value);
    return known != null ? known : newOpaque(value, AiJsonTypes.rawType(declared), key, encoding);
  }

  private AiJsonRef refTo(Object value, Class<?> declared, Encoding encoding) {
    AiJsonRef known = trackedRef(value);
    return known != null ? known : newOpaque(value, declared, null, encoding);
  }

  /**
   * Returns the reference to the {@code module} var of {@code state}'s module as it is: the var
   * recorded for it last if its fields hold what they held then, else a new var with their
   * values, read now (or {@code received}, read before the method ran), as its members. At the
   * cap, adds nothing, notes that the var being encoded must be dropped, and returns null. The
   * fields are read and encoded without the lock.
   */
  private AiJsonRef moduleVar(ModuleState state, Object[] received, Encoding encoding) {
    Object module = state.module();
    ModuleRecord latest = (ModuleRecord) moduleVars.get(module);
    if (latest == null) {
      AiJsonRef known = trackedRef(module); // a module var a replay recorded as it was
      if (known != null) {
        return known;
      }
    }
    Object[] now = received != null ? received : fieldsNow(state);
    if (latest != null && Arrays.equals(latest.fields(), now)) {
      return latest.ref();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    List<String> names = ModuleState.namesOf(state.fields());
    for (int i = 0; i < names.size(); i++) {
      java.lang.reflect.Field field = state.fields().get(i);
      Object value = now[i] instanceof Identity identity
          ? (identity.object() == UNREADABLE ? new Unobserved(null, field.getType()) : new Bound(identity.object(), null))
          : new Received(now[i]);
      fields.put(names.get(i), Values.copy(encode(value, field.getGenericType(), 0, encoding)));
    }
    if (encoding.capReached) {
      return null;
    }
    Class<?> type = module.getClass();
    String caller = caller(type, null);
    synchronized (this) {
      ModuleRecord recorded = (ModuleRecord) moduleVars.get(module);
      if (recorded != latest && recorded != null && Arrays.equals(recorded.fields(), now)) {
        return recorded.ref(); // another thread recorded the module as it is meanwhile
      }
      int index = vars.reserve();
      if (index < 0) {
        encoding.capReached = true;
        return null;
      }
      Recorded var = new Recorded(module, index, new AiJsonVar("var" + index, AiJsonVar.Kind.MODULE,
          packageOf(type), caller, null, false, null, List.of(), Map.of(), fields));
      vars.set(index, var);
      noteSource(index, encoding);
      remember(type);
      moduleVars.put(module, new ModuleRecord(var.ref(), now));
      return var.ref();
    }
  }

  /** The module var recorded last for each module instance, with what its fields held then; held weakly. */
  private final WeakIdentityMap<Object> moduleVars = new WeakIdentityMap<>();

  /**
   * A module's var and its fields' values when it was recorded: each the document value written
   * inline, or an {@link Identity} of an object written as a var (compared by identity).
   */
  private record ModuleRecord(AiJsonRef ref, Object[] fields) {}

  /** An object compared by identity: equal only to an {@code Identity} of the same object. */
  private record Identity(Object object) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Identity identity && identity.object == object;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(object);
    }
  }

  /** What stands for a field that cannot be read. */
  private static final Object UNREADABLE = new Object();

  /**
   * Returns a module's fields' values now: each the document value it is written inline as, or an
   * {@link Identity} of what is written as a var (an object, a field that cannot be read). Makes
   * no var, and takes no lock while it reads the fields' values.
   */
  private Object[] fieldsNow(ModuleState state) {
    List<java.lang.reflect.Field> fields = state.fields();
    Object[] now = new Object[fields.size()];
    for (int i = 0; i < now.length; i++) {
      java.lang.reflect.Field field = fields.get(i);
      Object read = fieldValue(field, state.module());
      if (!(read instanceof Bound bound)) {
        now[i] = new Identity(UNREADABLE);
        continue;
      }
      Object value = bound.instance();
      Object encoded = value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Record
          || value != null && (value.getClass().isArray() || Beans.isBean(value.getClass()))
          ? encodeBound(bound, field.getGenericType(), 0, true, EARLY)
          : ValueEncoder.inline(value, field.getGenericType());
      now[i] = encoded == NOT_YET || encoded == ValueEncoder.NOT_INLINE || encoded instanceof AiJsonRef
          ? new Identity(value) : Values.copy(encoded);
    }
    return now;
  }

  /**
   * Returns the value of a module's field, or an unobserved value if the field cannot be read
   * (a module system that does not open it): never a default in its place.
   */
  private static Object fieldValue(java.lang.reflect.Field field, Object module) {
    try {
      if (field.trySetAccessible()) {
        return new Bound(field.get(module), null);
      }
    } catch (IllegalAccessException | RuntimeException e) {
      // not observed: said so below
    }
    return new Unobserved(null, field.getType());
  }

  /**
   * Adds an opaque var for {@code instance} and returns its reference; at the cap, adds nothing,
   * notes that the var being encoded must be dropped, and returns null.
   */
  private AiJsonRef newOpaque(Object instance, Class<?> declared, String key, Encoding encoding) {
    return newVar(AiJsonVar.Kind.OPAQUE, instance, declared, key, encoding);
  }

  /** Returns whether values of {@code type} are JSON values, written inline when they are seen. */
  private static boolean isValueType(Class<?> type) {
    return type.isPrimitive() || type.isArray() || type.isEnum() || Record.class.isAssignableFrom(type)
        || Number.class.isAssignableFrom(type) && type.getName().startsWith("java.")
        || type == Boolean.class || type == Character.class || type == String.class
        || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
        || Beans.isBean(type);
  }

  /**
   * Adds an opaque or unobserved var, with no values, for {@code instance} (or its class); at the
   * cap, adds nothing and notes in {@code encoding} that the var being encoded must be dropped.
   * Runs no code of the application's: the lock is held throughout. If another thread made a var
   * for {@code instance} since the caller looked it up (both encoded the same object outside the
   * lock), returns that var: an object has one var, whichever thread saw it first.
   */
  private synchronized AiJsonRef newVar(AiJsonVar.Kind kind, Object instance, Class<?> declared, String key,
      Encoding encoding) {
    if (instance != null) {
      AiJsonRef known = trackedRef(instance);
      if (known != null) {
        return known;
      }
    }
    if (vars.size() >= cap || overBudget) {
      encoding.capReached = true;
      return null;
    }
    Class<?> estimated = instance == null ? declared : userClass(instance.getClass(), declared);
    int index = fits(estimate.of(new AiJsonVar("var" + vars.size(), kind, packageOf(estimated),
        caller(estimated, null), key, false, null, List.of(), Map.of(), Map.of()))) ? vars.reserve() : -1;
    if (index < 0) {
      encoding.capReached = true;
      return null;
    }
    Class<?> type = instance == null ? declared : userClass(instance.getClass(), declared);
    String name = "var" + index;
    Recorded var = new Recorded(instance, index, new AiJsonVar(name, kind, packageOf(type),
        caller(type, null), key, false, null, List.of(), Map.of(), Map.of()));
    vars.set(index, var);
    noteSource(index, encoding);
    remember(type);
    return var.ref();
  }

  /**
   * Returns the class to name for an instance: its own, or for a generated subclass (a Guice
   * enhancer, a proxy) the nearest ordinary superclass; for a lambda or a JDK proxy (such as the
   * one Guice injects to break a circular dependency, whose class number depends on what the JVM
   * proxied before), {@code declared}.
   */
  private static Class<?> userClass(Class<?> type, Class<?> declared) {
    if (java.lang.reflect.Proxy.isProxyClass(type)) {
      return declared;
    }
    while (isHidden(type) && type.getSuperclass() != null && type.getSuperclass() != Object.class) {
      type = type.getSuperclass();
    }
    return isHidden(type) ? declared : type;
  }

  private static boolean isHidden(Class<?> type) {
    return type.isHidden() || type.isSynthetic() || type.getName().contains("$$");
  }

  /** Returns whether {@code product} is a JSON value, which is written inline, never tracked. */
  private boolean isInline(Object product) {
    if (isPlain(product.getClass())) {
      return false; // the common case, an object of the program's own: decided without encoding
    }
    return ValueEncoder.inline(product, 0, refs) != ValueEncoder.NOT_INLINE;
  }

  /**
   * Returns whether no object of class {@code type} can be written inline: it is no scalar, enum,
   * record, collection, map or array, as an object of the program's own is not.
   */
  private static boolean isPlain(Class<?> type) {
    return !(Number.class.isAssignableFrom(type) || type == String.class || type == Boolean.class
        || type == Character.class || Enum.class.isAssignableFrom(type) || Record.class.isAssignableFrom(type)
        || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type.isArray());
  }

  static String packageOf(Class<?> type) {
    return type.getPackageName();
  }

  static String callerOf(Class<?> type, String method) {
    String packageName = type.getPackageName();
    String simple = packageName.isEmpty() ? type.getName() : type.getName().substring(packageName.length() + 1);
    return method == null ? simple : simple + "#" + method;
  }
}
