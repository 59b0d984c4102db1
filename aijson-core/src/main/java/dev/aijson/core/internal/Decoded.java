package dev.aijson.core.internal;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A document value that validation has checked against its declared type. Each build makes it
 * into a fresh Java value, so builds never share a mutable collection, array or record.
 */
public sealed interface Decoded {
  /** Returns the Java value, making new containers on every call. */
  Object make(Context context);

  /** What a build supplies to values: the objects of referenced vars, and providers. */
  interface Context {
    /** Returns the object of the var at {@code index} in the document, building it first. */
    Object object(int index);

    /** Returns the provider of {@code key} for the value at {@code pointer}. */
    Object provider(String key, Type providerType, Where where);
  }

  /**
   * Where a value sits, for error messages: its JSON Pointer, and the var and argument it belongs
   * to, such as {@code var3 (acme.Scorer): kwarg "mode"}. Both are worked out only when a message
   * needs them, since every argument of every var has one.
   */
  final class Where {
    // what the pointer and subject are worked out from, when they are not given
    private final AiJsonVar var;
    private final String section;
    private final String name;
    private final String what;
    private final Where root;
    private String pointer;
    private String subject;

    Where(String pointer, String subject) {
      this(pointer, subject, null, null, null, null, null);
    }

    private Where(String pointer, String subject, AiJsonVar var, String section, String name,
        String what, Where root) {
      this.pointer = pointer;
      this.subject = subject;
      this.var = var;
      this.section = section;
      this.name = name;
      this.what = what;
      this.root = root;
    }

    /** Returns the place {@code pointer} inside the argument {@code root} is. */
    static Where within(String pointer, Where root) {
      return new Where(pointer, null, null, null, null, null, root);
    }

    /** Returns where the argument {@code name} of {@code var}'s {@code section} is. */
    static Where argument(AiJsonVar var, String section, String name, String what) {
      return new Where(null, null, var, section, name, what, null);
    }

    public String pointer() {
      if (pointer == null && var != null) {
        pointer = var.pointer() + AiJsonException.pointer(section, name);
      } else if (pointer == null && root != null) {
        return root.pointer();
      }
      return pointer;
    }

    public String subject() {
      if (subject == null) {
        subject = root != null ? root.subject() : var.label() + ": " + what + " \"" + name + "\"";
      }
      return subject;
    }
  }

  /** An immutable value: null, a boxed primitive, a String, a BigInteger or a BigDecimal. */
  record Constant(Object value) implements Decoded {
    @Override
    public Object make(Context context) {
      return value;
    }
  }

  /** An enum constant, checked by name at validation without initialising the enum. */
  record EnumConstant(Class<?> type, String name) implements Decoded {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object make(Context context) {
      return Enum.valueOf((Class) type, name);
    }
  }

  /** A {@code $varN} reference. */
  record Ref(int index) implements Decoded {
    @Override
    public Object make(Context context) {
      return context.object(index);
    }
  }

  /** A {@code {"provider": key}} value for a parameter of a provider type. */
  record ProviderOf(String key, Type providerType, Where where) implements Decoded {
    @Override
    public Object make(Context context) {
      return context.provider(key, providerType, where);
    }
  }

  /** The kind of collection a JSON array becomes. */
  enum CollectionKind {
    LIST, SET, SORTED_SET;

    Collection<Object> create(int size) {
      return switch (this) {
        case LIST -> new ArrayList<>(size);
        case SET -> new LinkedHashSet<>();
        case SORTED_SET -> new TreeSet<>();
      };
    }
  }

  /** A list or set. */
  record Elements(CollectionKind kind, List<Decoded> elements, Where where) implements Decoded {
    @Override
    public Object make(Context context) {
      Collection<Object> out = kind.create(elements.size());
      for (Decoded element : elements) {
        Object value = element.make(context);
        try {
          out.add(value);
        } catch (RuntimeException e) {
          throw failure(where, "cannot be put into a " + out.getClass().getName(), e);
        }
      }
      return out;
    }
  }

  /** A map with string or enum keys. */
  record Entries(boolean sorted, List<Decoded> keys, List<Decoded> values, Where where)
      implements Decoded {
    @Override
    public Object make(Context context) {
      Map<Object, Object> out = sorted ? new TreeMap<>() : new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        out.put(keys.get(i).make(context), values.get(i).make(context));
      }
      return out;
    }
  }

  /** An array, of primitives or of objects. */
  record ArrayOf(Class<?> component, List<Decoded> elements, Where where) implements Decoded {
    @Override
    public Object make(Context context) {
      Object out = Array.newInstance(component, elements.size());
      for (int i = 0; i < elements.size(); i++) {
        Object value = elements.get(i).make(context);
        try {
          Array.set(out, i, value);
        } catch (RuntimeException e) {
          throw failure(where, "cannot be stored in a " + component.getName() + " array", e);
        }
      }
      return out;
    }
  }

  /** A record, made with its canonical constructor. */
  record RecordOf(Constructor<?> constructor, List<Decoded> components, Where where)
      implements Decoded {
    @Override
    public Object make(Context context) {
      Object[] values = new Object[components.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = components.get(i).make(context);
      }
      try {
        return constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        throw failure(where, "was refused by the constructor of record "
            + constructor.getDeclaringClass().getName(), e.getCause());
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw failure(where, "cannot be made into record "
            + constructor.getDeclaringClass().getName(), e);
      }
    }
  }

  /**
   * A configuration bean: its properties' values, made by Jackson into the bean through its
   * creator or its no-argument constructor and setters.
   */
  record BeanOf(Type type, List<String> names, List<Decoded> values, Where where)
      implements Decoded {
    @Override
    public Object make(Context context) {
      Map<String, Object> properties = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        properties.put(names.get(i), values.get(i).make(context));
      }
      try {
        return Beans.create(type, properties);
      } catch (RuntimeException | LinkageError e) {
        Throwable cause = e instanceof IllegalArgumentException && e.getCause() != null ? e.getCause() : e;
        throw failure(where, "cannot be made into bean " + AiJsonTypes.name(type) + " by Jackson", cause);
      }
    }
  }

  private static AiJsonException failure(Where where, String what, Throwable cause) {
    if (cause instanceof VirtualMachineError error) {
      throw error;
    }
    return new AiJsonException(
        where.pointer(),
        where.subject() + ": the value at " + where.pointer() + " " + what + ": " + cause
            + ". Fix the value at " + where.pointer() + ".",
        cause);
  }
}
