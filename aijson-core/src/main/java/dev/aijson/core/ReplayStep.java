package dev.aijson.core;

import java.lang.reflect.Executable;
import java.lang.reflect.Member;
import java.util.List;

/**
 * One var as validation resolved it: the class, constructor or method to use, the decoded
 * arguments and members, and the vars it references, so that a build does no lookup or parsing.
 */
final class ReplayStep {
  /**
   * A field to set or a method to call after construction.
   *
   * @param member the field or method, already made accessible
   * @param values the field's one value, or the method's arguments
   * @param key the key in {@code members}, for messages
   */
  record MemberStep(Member member, List<Decoded> values, String key) {}

  /** A var's label for messages, {@code var3 (acme.Scorer)}, worked out when a message needs it. */
  static final class Label {
    private final AiJsonVar var;
    private String text;

    Label(AiJsonVar var) {
      this.var = var;
    }

    @Override
    public String toString() {
      if (text == null) {
        text = label(var);
      }
      return text;
    }
  }

  final AiJsonVar var;
  final Label label;
  /** The class the var names: the built class, the module class, or the receiver's class. */
  final Class<?> type;
  /** The class of the var's object, or null where it cannot be known before building. */
  final Class<?> product;
  /** The constructor or method; null for opaque vars. */
  final Executable executable;
  final List<Decoded> args;
  final List<MemberStep> members;
  /** The position of the receiver of a call, or -1. */
  final int receiver;
  /** The positions of every var this one references, ascending, each once. */
  private final int[] refs;

  ReplayStep(
      AiJsonVar var, Label label, Class<?> type, Class<?> product, Executable executable,
      List<Decoded> args, List<MemberStep> members, int receiver, int[] refs) {
    this.var = var;
    this.label = label;
    this.type = type;
    this.product = product;
    this.executable = executable;
    this.args = args;
    this.members = members;
    this.receiver = receiver;
    this.refs = refs.clone();
  }

  int refCount() {
    return refs.length;
  }

  int ref(int i) {
    return refs[i];
  }

  /** Returns whether {@code object} can stand for this var's object. */
  boolean accepts(Object object) {
    return object == null || product == null || ValueDecoder.box(product).isInstance(object);
  }

  /** Returns the var's label for messages: {@code var3 (acme.Scorer)}. */
  static String label(AiJsonVar var) {
    String method = var.methodName();
    return var.name() + " (" + var.className() + (method == null ? "" : "#" + method) + ")";
  }
}
