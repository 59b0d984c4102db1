package dev.aijson.core.internal;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What aijson's reader and recorder need of {@link AiJsonDocument} beyond its API: the reference
 * rules of a document, and making a document of vars they have checked themselves without
 * checking them again.
 */
public final class Documents {
  /** Makes a document of checked vars; registered by {@link AiJsonDocument} when it loads. */
  @FunctionalInterface
  public interface Factory {
    /**
     * Returns the document.
     *
     * @param vars the vars, already checked
     * @param cap the var cap that was reached, or 0
     * @param byteBudget the byte budget, if it rather than the var cap stopped the recording;
     *     else 0
     * @param droppedVars how many vars were dropped past it
     * @param environment the environment section, or an empty map
     * @param numbered true if the caller knows var i to be named {@code var<i>}; false to have
     *     the names read to tell
     * @return the document
     */
    AiJsonDocument create(List<AiJsonVar> vars, int cap, long byteBudget, long droppedVars,
        Map<String, Object> environment, boolean numbered);
  }

  private static volatile Factory factory;

  private Documents() {}

  /**
   * Returns the exception for a var name that {@code document} lacks, naming the call that asked
   * for it, the vars the document has and the fix.
   *
   * @param document the document asked
   * @param call the call as the user wrote it, such as {@code withInstance("var9", ...)}
   * @param name the name that was asked for
   * @return the exception to throw
   */
  public static AiJsonException noSuchVar(AiJsonDocument document, String call, String name) {
    return new AiJsonException(AiJsonException.pointer("vars", name), call + ": the document has"
        + " no var \"" + Abbreviation.of(name) + "\"; it has " + names(document.vars())
        + ". Name one of those.");
  }

  /**
   * Describes the names of {@code vars}: {@code var0 to var9} when they are numbered without
   * gaps, else the names themselves (the first and last of many).
   */
  static String names(List<AiJsonVar> vars) {
    int size = vars.size();
    if (size == 0) {
      return "no vars";
    }
    String first = vars.get(0).name();
    String last = vars.get(size - 1).name();
    if (size == 1) {
      return first;
    }
    if (digits(first, 3) == 0 && digits(last, 3) == size - 1) {
      return first + " to " + last; // increasing numbers without a gap
    }
    if (size <= 5) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < size; i++) {
        out.append(i == 0 ? "" : i == size - 1 ? " and " : ", ").append(vars.get(i).name());
      }
      return out.toString();
    }
    return size + " vars from " + first + " to " + last + ", with gaps";
  }

  /**
   * Registers the one factory; {@link AiJsonDocument} calls it once, when it is initialised.
   *
   * @param documents the factory
   */
  public static void register(Factory documents) {
    if (factory != null) {
      throw new IllegalStateException("Documents.register: the factory is registered once, by"
          + " AiJsonDocument itself. Do not call it.");
    }
    factory = Objects.requireNonNull(documents, "documents");
  }

  /**
   * Returns a document of {@code vars}, which the caller has checked (names in increasing order,
   * every reference backwards), without checking them again.
   *
   * @param vars the vars
   * @param cap the var cap that was reached, or 0
   * @param droppedVars how many vars were dropped past it
   * @param environment the environment section, or an empty map
   * @return the document
   */
  public static AiJsonDocument trusted(
      List<AiJsonVar> vars, int cap, long droppedVars, Map<String, Object> environment) {
    return trusted(vars, cap, 0, droppedVars, environment);
  }

  /**
   * Returns a document of {@code vars}, as {@link #trusted(List, int, long, Map)} does, that says
   * which bound cut it.
   *
   * @param vars the vars
   * @param cap the var cap, or 0 if nothing was dropped
   * @param byteBudget the byte budget, if it rather than the var cap stopped the recording;
   *     else 0
   * @param droppedVars how many vars were dropped
   * @param environment the environment section, or an empty map
   * @return the document
   */
  public static AiJsonDocument trusted(List<AiJsonVar> vars, int cap, long byteBudget,
      long droppedVars, Map<String, Object> environment) {
    return trusted(vars, cap, byteBudget, droppedVars, environment, false);
  }

  /**
   * Returns a document of {@code vars}, as {@link #trusted(List, int, long, long, Map)} does;
   * {@code numbered} says that the caller knows var i to be named {@code var<i>} (a reader that
   * has read every name in order), so that the names are not read again.
   *
   * @param vars the vars
   * @param cap the var cap, or 0 if nothing was dropped
   * @param byteBudget the byte budget, if it rather than the var cap stopped the recording;
   *     else 0
   * @param droppedVars how many vars were dropped
   * @param environment the environment section, or an empty map
   * @param numbered true if var i is known to be named {@code var<i>}; false to have it told
   * @return the document
   */
  public static AiJsonDocument trusted(List<AiJsonVar> vars, int cap, long byteBudget,
      long droppedVars, Map<String, Object> environment, boolean numbered) {
    Factory documents = factory;
    if (documents == null) {
      // the factory is registered when AiJsonDocument is initialised: touch it once
      AiJsonDocument.of(List.of());
      documents = factory;
    }
    return documents.create(vars, cap, byteBudget, droppedVars, environment, numbered);
  }

  private static int number(String name) {
    return digits(name, 3);
  }

  /**
   * Returns whether {@code text} from {@code from} on is a var name: {@code var} and a number of
   * at most 9 digits without leading zeros, as {@code var(0|[1-9][0-9]{0,8})} would match, but by
   * hand: every var name and reference of a document is checked.
   */
  public static boolean isVarName(String text, int from) {
    int digits = text.length() - from - 3;
    if (digits < 1 || digits > 9 || !text.startsWith("var", from)) {
      return false;
    }
    if (text.charAt(from + 3) == '0') {
      return digits == 1;
    }
    for (int i = from + 3; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the number the decimal digits of {@code text} from {@code from} on spell, which the
   * caller has checked are at most 9 digits ({@code var12} from 3 is 12): a var's or a
   * reference's number, read more cheaply than by {@link Integer#parseInt(CharSequence, int,
   * int, int)}, which every reference of a document would go through.
   */
  public static int digits(String text, int from) {
    int number = 0;
    for (int i = from; i < text.length(); i++) {
      number = number * 10 + (text.charAt(i) - '0');
    }
    return number;
  }

  /**
   * Adds to {@code problems} every repeated or misordered var and every dangling or forward
   * reference.
   */
  public static void referenceProblems(List<AiJsonVar> vars, List<Problem> problems) {
    int[] numbers = new int[vars.size()];
    boolean increasing = true;
    // built only once a reference does not resolve by number, for the messages
    Map<String, Integer> positions = null;
    Set<String> names = null;
    int previous = -1;
    for (int i = 0; i < vars.size(); i++) {
      AiJsonVar var = vars.get(i);
      int number = number(var.name());
      if (number <= previous) { // a repeated name repeats its number too
        increasing = false;
        problems.add(
            new Problem(
                var.pointer(),
                var.name() + " repeats or comes after a later var; vars must appear once, in"
                    + " increasing order."));
      }
      previous = Math.max(previous, number);
      numbers[i] = number;
      if (positions == null && increasing && resolves(var, numbers, i)) {
        continue; // the common case, checked by number, without maps or pointers
      }
      if (positions == null) {
        positions = new HashMap<>();
        for (int j = 0; j < i; j++) {
          positions.put(vars.get(j).name(), j);
        }
        names = new HashSet<>();
        for (AiJsonVar each : vars) {
          names.add(each.name());
        }
      }
      Map<String, Integer> earlier = positions;
      Set<String> all = names;
      int position = i;
      AiJsonValues.ReferenceVisitor check =
          (ref, pointerOf) -> {
            Integer target = earlier.get(ref.var());
            String pointer = target == null ? pointerOf.get() : null;
            if (target == null && all.contains(ref.var())) {
              problems.add(
                  new Problem(
                      pointer,
                      var.name() + " references \"" + ref + "\" at " + pointer + ", which is not"
                          + " an earlier var; references must point backwards (no cycles)."
                          + " Reference a var defined above " + var.name() + "."));
            } else if (target == null) {
              problems.add(
                  new Problem(
                      pointer,
                      var.name() + " references \"" + ref + "\" at " + pointer + ", but the"
                          + " document has no " + ref.var() + ". Reference a var that exists."));
            } else if (target >= position) {
              throw new IllegalStateException("unreachable: positions only holds earlier vars");
            }
          };
      if (var.receiver() != null) {
        check.visit(var.receiver(), () -> var.pointer() + "/receiver");
      }
      Values.forEachRef(var.kwargs(), var.pointer() + "/kwargs", check);
      Values.forEachRef(var.members(), var.pointer() + "/members", check);
      positions.put(var.name(), position);
    }
  }

  /**
   * Returns the position of var {@code number} among the first {@code count} of {@code numbers},
   * which increase, or -1: var k is usually at position k, so that is looked at first.
   */
  public static int positionOf(int[] numbers, int count, int number) {
    if (number < count && numbers[number] == number) {
      return number;
    }
    int found = Arrays.binarySearch(numbers, 0, count, number);
    return found >= 0 ? found : -1;
  }

  /**
   * Returns whether every reference of {@code var} names one of the first {@code count} vars,
   * whose numbers, in {@code numbers}, increase.
   */
  private static boolean resolves(AiJsonVar var, int[] numbers, int count) {
    Predicate<AiJsonRef> earlier = ref -> positionOf(numbers, count, number(ref.var())) >= 0;
    return (var.receiver() == null || earlier.test(var.receiver()))
        && Values.allRefs(var.kwargs(), earlier)
        && Values.allRefs(var.members(), earlier);
  }
}
