package dev.aijson.core.recording;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The receiver of a {@code provides} entry: the module instance whose {@code @Provides} method
 * made the object, with the fields that hold its state (the configuration passed to its
 * constructor, such as {@code new ModelModule(config)}).
 *
 * <p>Part of the recording SPI: an integration puts it in {@link Entry#receiver()}. The recorder
 * records the module the first time one of its methods makes something, as a {@code module} var
 * whose members are the fields' values, read then (or before the method ran, where the integration
 * passed what {@link AiJsonRecorder#asReceived} returned for this state); every later entry with
 * the same module instance references that var while the fields hold what they held, and a new
 * var once they hold something else. An integration computes the fields once per module, with
 * {@link #fieldsOf}.
 *
 * <pre>{@code
 * ModuleState state = new ModuleState(module, ModuleState.fieldsOf(module.getClass(), "com.google.inject"));
 * recorder.record(new Entry(AiJsonVar.Kind.PROVIDES, ModelModule.class, "layer", key, true,
 *     state, args, List.of(), layer));
 * }</pre>
 *
 * @param module the module instance
 * @param fields its instance fields to record, in the order of {@link #fieldsOf}
 */
public record ModuleState(Object module, List<Field> fields) {
  /**
   * Checks the parts and copies {@code fields}.
   *
   * @param module the module instance
   * @param fields its instance fields to record
   * @throws NullPointerException if {@code module} or {@code fields} is null
   */
  public ModuleState {
    Objects.requireNonNull(module, "ModuleState: module is null. Pass the module instance.");
    fields = List.copyOf(Objects.requireNonNull(fields, "ModuleState: fields is null. Pass"
        + " ModuleState.fieldsOf(module.getClass(), ...)."));
  }

  /**
   * Returns the names the fields of {@link #fieldsOf} are recorded under, in their order: the
   * field's name, or, for a name an earlier field took (a field a subclass shadows), the declaring
   * class's simple name, a dot and the name ({@code Base.size}). Replay finds them by these names.
   *
   * @param fields fields in the order of {@link #fieldsOf}
   * @return their names, in the same order
   * @throws NullPointerException if {@code fields} is null
   */
  public static List<String> namesOf(List<Field> fields) {
    Objects.requireNonNull(fields, "ModuleState.namesOf: fields is null. Pass"
        + " ModuleState.fieldsOf(type, ...).");
    java.util.Set<String> taken = new java.util.HashSet<>();
    List<String> names = new ArrayList<>(fields.size());
    for (Field field : fields) {
      names.add(taken.add(field.getName()) ? field.getName()
          : field.getDeclaringClass().getSimpleName() + "." + field.getName());
    }
    return names;
  }

  /**
   * Returns the fields of a module class that hold its state: every instance field that is not
   * synthetic, declared by {@code type} or a superclass below the first one in {@code
   * frameworkPackage} (such as Guice's {@code AbstractModule}), superclasses' fields first and
   * each class's in declaration order.
   *
   * @param type the module's class
   * @param frameworkPackage the package whose classes (and sub-packages' classes) hold no user
   *     state, such as {@code com.google.inject}
   * @return the fields, possibly empty; a module with none needs no var
   * @throws NullPointerException if {@code type} or {@code frameworkPackage} is null
   */
  public static List<Field> fieldsOf(Class<?> type, String frameworkPackage) {
    Objects.requireNonNull(type, "fieldsOf: type is null. Pass the module's class.");
    Objects.requireNonNull(frameworkPackage, "fieldsOf: frameworkPackage is null. Pass a package"
        + " such as \"com.google.inject\".");
    List<Class<?>> classes = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class
        && !(c.getPackageName().equals(frameworkPackage)
            || c.getPackageName().startsWith(frameworkPackage + ".")); c = c.getSuperclass()) {
      classes.add(0, c);
    }
    List<Field> fields = new ArrayList<>();
    for (Class<?> c : classes) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          fields.add(field);
        }
      }
    }
    return fields;
  }
}
