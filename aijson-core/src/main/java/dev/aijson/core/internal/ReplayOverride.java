package dev.aijson.core.internal;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies {@code override("var1.kwargs.config.layers.0", value)}: a dotted path from a var
 * through {@code kwargs} or {@code members} into records, maps and lists, whose node is replaced
 * by the Java value encoded as a document value.
 */
public final class ReplayOverride {
  /**
   * The levels of a document above an argument's value: the document, {@code vars}, the var and
   * {@code kwargs} or {@code members}. An override value nests at most as deep as a document
   * read with the highest {@link AiJsonLimits#maxDepth} holds it, {@link
   * AiJsonLimits#MAX_DEPTH_CEILING} levels in all.
   */
  private static final int ABOVE_ARGUMENTS = 4;
  /** The most levels below an argument: what a document at the ceiling holds there. */
  private static final int MAX_ARGUMENT_LEVELS = AiJsonLimits.MAX_DEPTH_CEILING - ABOVE_ARGUMENTS;
  private static final int MAX_NODES = 1_000_000;
  private ReplayOverride() {}

  /**
   * Returns {@code document} with the node at {@code path} replaced.
   *
   * @throws AiJsonException if the path names no var, argument or node, or the value is not JSON
   */
  public static AiJsonDocument apply(AiJsonDocument document, String path, Object value) {
    Objects.requireNonNull(path, "override: the path is null. Pass a path such as \"var1.kwargs.nHidden\".");
    String call = "override(\"" + Abbreviation.of(path) + "\")";
    String[] split = path.split("\\.", -1);
    if (split.length > 3 + MAX_ARGUMENT_LEVELS) {
      // no node of a document lies deeper: refused before anything walks the parts
      throw new AiJsonException("", call + ": the path has " + split.length + " parts, but no node"
          + " of a document lies deeper than " + MAX_ARGUMENT_LEVELS + " levels below an argument."
          + " Shorten the path.");
    }
    if (split.length < 3) {
      throw new AiJsonException("", call + ": a path names a var, \"kwargs\" or \"members\", and"
          + " an argument, such as \"var1.kwargs.nHidden\". Complete the path.");
    }
    AiJsonVar var = document.find(split[0])
        .orElseThrow(() -> Documents.noSuchVar(document, call, split[0]));
    boolean kwargs = section(var, split[1], call);
    Map<String, Object> arguments = kwargs ? var.kwargs() : var.members();
    String[] parts = joinKey(arguments, split);
    if (!arguments.containsKey(parts[2])) {
      throw new AiJsonException(var.pointer() + "/" + parts[1], call + ": " + var.label()
          + " has no " + (kwargs ? "kwarg" : "member") + " \"" + parts[2] + "\"; it has "
          + (arguments.isEmpty() ? "none" : String.join(", ", arguments.keySet()))
          + ". Name one of those.");
    }
    String pointer = var.pointer() + AiJsonException.pointer(parts[1], parts[2]);
    Map<String, Object> changed = new LinkedHashMap<>(arguments);
    // the value replaces a node inside parts.length - 3 lists or maps of the argument
    int levels = MAX_ARGUMENT_LEVELS - (parts.length - 3);
    changed.put(parts[2], replace(arguments.get(parts[2]), parts, 3,
        encode(value, levels, call, pointer), call, pointer));
    return document.withVar(var.withArguments(kwargs ? changed : var.kwargs(),
        kwargs ? var.members() : changed));
  }

  /** Joins the parts that make up a member key with a dot in it, such as {@code Base.label}. */
  private static String[] joinKey(Map<String, Object> arguments, String[] parts) {
    StringBuilder joining = new StringBuilder(parts[2]);
    for (int end = 4; end <= parts.length && !arguments.containsKey(parts[2]); end++) {
      String key = joining.append('.').append(parts[end - 1]).toString();
      if (arguments.containsKey(key)) {
        String[] joined = new String[parts.length - (end - 3)];
        joined[0] = parts[0];
        joined[1] = parts[1];
        joined[2] = key;
        System.arraycopy(parts, end, joined, 3, parts.length - end);
        return joined;
      }
    }
    return parts;
  }

  private static boolean section(AiJsonVar var, String section, String call) {
    if (section.equals("kwargs") || section.equals("members")) {
      return section.equals("kwargs");
    }
    throw new AiJsonException(var.pointer(), call + ": after the var name a path continues with"
        + " \"kwargs\" or \"members\", not \"" + section + "\". Fix the path.");
  }

  private static Object encode(Object value, int levels, String call, String pointer) {
    if (value instanceof AiJsonRef) {
      return value;
    }
    checkBounded(value, 0, levels, new int[] {MAX_NODES}, call, pointer);
    if (containsRef(value)) {
      // a document value with references inside, such as a list of "$varN": keep it as it is
      try {
        return Values.copy(value);
      } catch (IllegalArgumentException e) {
        throw new AiJsonException(pointer, call + ": " + e.getMessage() + ". Pass a JSON value.", e);
      }
    }
    String fix = ". Pass a JSON value, or AiJsonRef.to(\"varN\") to reference another var.";
    Object encoded;
    try {
      encoded = ValueEncoder.inline(value, levels, MAX_NODES);
    } catch (AiJsonException e) {
      throw new AiJsonException(pointer, call + ": " + e.getMessage() + fix, e);
    }
    if (encoded == ValueEncoder.TOO_DEEP) {
      // a record or bean nests where checkBounded looks only into lists, maps and arrays
      throw new AiJsonException(pointer, call + ": " + tooDeep(levels, pointer)
          + ". Pass a value that nests less.");
    }
    if (encoded == ValueEncoder.TOO_LARGE) {
      throw tooLarge(call, pointer);
    }
    if (encoded == ValueEncoder.NOT_INLINE) {
      throw new AiJsonException(pointer, call + ": " + ValueEncoder.notJson(value) + fix);
    }
    return encoded;
  }

  /**
   * Checks, before anything walks it, that an override value nests no deeper than a document may
   * and is not too large; a list or map that contains itself nests without end and is refused.
   */
  private static void checkBounded(
      Object value, int depth, int levels, int[] nodes, String call, String pointer) {
    if (--nodes[0] < 0) {
      throw tooLarge(call, pointer);
    }
    if (!(value instanceof Iterable<?>) && !(value instanceof Map<?, ?>)
        && (value == null || !value.getClass().isArray())) {
      return;
    }
    if (depth >= levels) {
      throw new AiJsonException(pointer, call + ": " + tooDeep(levels, pointer)
          + ", or contains itself. Pass a value without cycles that nests less.");
    }
    Iterable<?> elements = value instanceof Map<?, ?> map ? map.values()
        : value instanceof Iterable<?> iterable ? iterable : arrayElements(value);
    for (Object element : elements) {
      checkBounded(element, depth + 1, levels, nodes, call, pointer);
    }
  }

  /** Returns the rule a value nested deeper than {@code levels} breaks, where it goes. */
  private static String tooDeep(int levels, String pointer) {
    return "the value nests lists, maps, arrays and records deeper than " + levels + " levels, the"
        + " most a document holds there (below " + pointer + ", with AiJsonLimits.maxDepth at its"
        + " ceiling, " + AiJsonLimits.MAX_DEPTH_CEILING + ")";
  }

  private static AiJsonException tooLarge(String call, String pointer) {
    return new AiJsonException(pointer, call + ": the value has more than " + MAX_NODES
        + " elements in all, the most an override takes. Pass a smaller value.");
  }

  private static List<Object> arrayElements(Object array) {
    int length = java.lang.reflect.Array.getLength(array);
    List<Object> elements = new ArrayList<>(Math.min(length, MAX_NODES));
    for (int i = 0; i < length && i <= MAX_NODES; i++) {
      elements.add(java.lang.reflect.Array.get(array, i));
    }
    return elements;
  }

  private static boolean containsRef(Object value) {
    boolean[] found = {false};
    Values.forEachRef(value, "", (ref, pointer) -> found[0] = true);
    return found[0];
  }

  /** Returns {@code current} with the node that {@code parts[index..]} names replaced. */
  private static Object replace(
      Object current, String[] parts, int index, Object value, String call, String pointer) {
    if (index == parts.length) {
      return value;
    }
    String part = parts[index];
    String next = pointer + AiJsonException.pointer(part);
    if (current instanceof Map<?, ?> map && (map.containsKey(part) || index == parts.length - 1)) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, element) -> copy.put((String) key, element));
      copy.put(part, replace(map.get(part), parts, index + 1, value, call, next));
      return copy;
    }
    int position = listIndex(current, part);
    if (position >= 0) {
      List<Object> copy = new ArrayList<>((List<?>) current);
      copy.set(position, replace(copy.get(position), parts, index + 1, value, call, next));
      return copy;
    }
    throw new AiJsonException(pointer, call + ": the value at " + pointer + " is "
        + ValueDecoder.show(current) + ", which has no part \"" + part + "\". Fix the path.");
  }

  private static int listIndex(Object current, String part) {
    if (!(current instanceof List<?> list) || !part.matches("0|[1-9][0-9]{0,8}")) {
      return -1;
    }
    int position = Integer.parseInt(part);
    return position < list.size() ? position : -1;
  }
}
