package dev.aijson.guice;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.MapBinderBinding;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.MultibinderBinding;
import com.google.inject.multibindings.MultibindingsTargetVisitor;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.multibindings.OptionalBinderBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.util.Types;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a collection binding of Guice's multibindings ({@code Multibinder}, {@code MapBinder},
 * {@code OptionalBinder}, and their {@code @ProvidesInto...} forms) through the multibindings
 * SPI: which binder made it, its type arguments, and its element bindings in order.
 */
final class Multibindings {
  /**
   * One collection binding.
   *
   * @param binder the binder class, which names the var ({@code Multibinder}, ...)
   * @param types the collection's type arguments: element; key and value; or the optional's
   * @param mapKeys for a map, the key of each element, in step with {@code elements} (for a
   *     map binder's {@code Map<K, Set<V>>}, a key once per binding of it)
   * @param elements the bindings of the elements, in Guice's order; for an optional, the one
   *     binding its value comes from (the actual binding, else the default), or none
   */
  record Collection(Class<?> binder, List<Type> types, List<Object> mapKeys, List<Binding<?>> elements) {}

  private Multibindings() {}

  /**
   * Returns the collection {@code binding} provides, or null if it is not the binding of a
   * multibinding's own collection key ({@code Set<T>}, {@code Map<K, V>}, {@code Optional<T>};
   * not the {@code Provider} forms, which are recorded as any provider is).
   */
  static Collection of(Binding<?> binding) {
    return binding.acceptTargetVisitor(new Visitor(binding.getKey(), true));
  }

  /**
   * Returns the collection {@code binding} provides, as {@link #of(Binding)} does, or also, for
   * the {@code Map<K, Set<V>>} a map binder that permits duplicates binds, whose binding does not
   * say which binder made it, that binder's multimap: found through the binder's {@code Map<K,
   * V>}, which {@code owner} has wherever it has the multimap.
   */
  static Collection of(Binding<?> binding, Injector owner) {
    Collection collection = of(binding);
    Key<?> key = binding.getKey();
    if (collection != null || key.getTypeLiteral().getRawType() != Map.class
        || !(key.getTypeLiteral().getType() instanceof ParameterizedType map)
        || !(map.getActualTypeArguments()[1] instanceof ParameterizedType set) || set.getRawType() != java.util.Set.class) {
      return collection;
    }
    Binding<?> plain = owner.getExistingBinding(Keys.withType(key,
        Types.mapOf(map.getActualTypeArguments()[0], set.getActualTypeArguments()[0])));
    return plain == null ? null : plain.acceptTargetVisitor(new Visitor(key, true));
  }

  /**
   * Returns the type of the elements (a map's values) of the collection {@code binding}
   * provides, or null if it is no multibinding's collection. Safe while the injector is being
   * created, when Guice cannot list the elements yet.
   */
  static Type elementType(Binding<?> binding) {
    try {
      Collection collection = binding.acceptTargetVisitor(new Visitor(binding.getKey(), false));
      return collection == null ? null : collection.types().get(collection.types().size() - 1);
    } catch (RuntimeException e) {
      return null; // an SPI this Guice version answers differently: treat it as any binding
    }
  }

  /**
   * Returns, for the binding an {@code OptionalBinder} makes of its value's own key ({@code T},
   * beside {@code Optional<T>}), the binding the value comes from (the actual binding, else the
   * default), whose key is Guice's internal one; else null. Guice's provider of that key only
   * hands that binding's object on. The optional binder is found through its {@code Optional<T>}
   * binding, which {@code owner} has wherever it has the value's key.
   */
  static Binding<?> optionalValue(Binding<?> binding, Injector owner) {
    Key<?> key = binding.getKey();
    Type optionalType = Types.newParameterizedType(java.util.Optional.class, key.getTypeLiteral().getType());
    Key<?> optionalKey = Keys.withType(key, optionalType);
    Binding<?> optional = owner.getExistingBinding(optionalKey);
    return optional == null ? null : optional.acceptTargetVisitor(new ValueVisitor(optionalKey, binding));
  }

  /**
   * Returns whether {@code binding} is one an {@code OptionalBinder} makes of a provider form of
   * its optional ({@code Optional<Provider<T>>}, with javax's or jakarta's provider too).
   */
  static boolean isOptionalOfProvider(Binding<?> binding, Injector owner) {
    Key<?> key = binding.getKey();
    if (key.getTypeLiteral().getRawType() != java.util.Optional.class
        || !(key.getTypeLiteral().getType() instanceof ParameterizedType optional)
        || !(optional.getActualTypeArguments()[0] instanceof ParameterizedType provider)
        || !Guiced.isProviderType((Class<?>) provider.getRawType())) {
      return false;
    }
    Key<?> optionalKey = Keys.withType(key,
        Types.newParameterizedType(java.util.Optional.class, provider.getActualTypeArguments()[0]));
    Binding<?> optionalBinding = owner.getExistingBinding(optionalKey);
    return optionalBinding != null
        && Boolean.TRUE.equals(optionalBinding.acceptTargetVisitor(new FormVisitor(optionalKey, binding)));
  }

  /**
   * Returns, for each optional binder among {@code bindings}, the internal key of its actual and
   * default bindings, mapped to the value's own key ({@code T}): the key the application asks
   * for, under which what those bindings make is recorded.
   */
  static Map<Key<?>, Key<?>> optionalValueKeys(Iterable<Binding<?>> bindings) {
    Map<Key<?>, Key<?>> keys = new java.util.HashMap<>();
    for (Binding<?> binding : bindings) {
      Key<?> key = binding.getKey();
      if (key.getTypeLiteral().getRawType() != java.util.Optional.class
          || !(key.getTypeLiteral().getType() instanceof ParameterizedType optional)) {
        continue;
      }
      OptionalBinderBinding<?> optionalBinding = binding.acceptTargetVisitor(new OptionalVisitor());
      if (optionalBinding == null || !optionalBinding.getKey().equals(key)) {
        continue;
      }
      Key<?> valueKey = Keys.withType(key, optional.getActualTypeArguments()[0]);
      for (Binding<?> element : java.util.Arrays.asList(optionalBinding.getActualBinding(),
          optionalBinding.getDefaultBinding())) {
        // the Provider forms' value keys have another type than the elements'
        if (element != null && !element.getKey().equals(valueKey)
            && element.getKey().getTypeLiteral().equals(valueKey.getTypeLiteral())) {
          keys.put(element.getKey(), valueKey);
        }
      }
    }
    return keys;
  }

  /** Returns the key of the {@code Map<K, Set<V>>} a map binder binds where it permits duplicates. */
  private static Key<?> multimapKey(MapBinderBinding<?> mapbinding) {
    return Keys.withType(mapbinding.getMapKey(), Types.mapOf(mapbinding.getKeyTypeLiteral().getType(),
        Types.setOf(mapbinding.getValueTypeLiteral().getType())));
  }

  private static final class OptionalVisitor extends DefaultBindingTargetVisitor<Object, OptionalBinderBinding<?>>
      implements MultibindingsTargetVisitor<Object, OptionalBinderBinding<?>> {
    @Override
    public OptionalBinderBinding<?> visit(MultibinderBinding<? extends Object> multibinding) {
      return null;
    }

    @Override
    public OptionalBinderBinding<?> visit(MapBinderBinding<? extends Object> mapbinding) {
      return null;
    }

    @Override
    public OptionalBinderBinding<?> visit(OptionalBinderBinding<? extends Object> optionalbinding) {
      return optionalbinding;
    }
  }


  private static final class FormVisitor extends DefaultBindingTargetVisitor<Object, Boolean>
      implements MultibindingsTargetVisitor<Object, Boolean> {
    private final Key<?> optionalKey;
    private final Binding<?> form;

    FormVisitor(Key<?> optionalKey, Binding<?> form) {
      this.optionalKey = optionalKey;
      this.form = form;
    }

    @Override
    public Boolean visit(MultibinderBinding<? extends Object> multibinding) {
      return false;
    }

    @Override
    public Boolean visit(MapBinderBinding<? extends Object> mapbinding) {
      return false;
    }

    @Override
    public Boolean visit(OptionalBinderBinding<? extends Object> optionalbinding) {
      return optionalbinding.getKey().equals(optionalKey) && optionalbinding.containsElement(form);
    }
  }

  private static final class ValueVisitor extends DefaultBindingTargetVisitor<Object, Binding<?>>
      implements MultibindingsTargetVisitor<Object, Binding<?>> {
    private final Key<?> optionalKey;
    private final Binding<?> direct;

    ValueVisitor(Key<?> optionalKey, Binding<?> direct) {
      this.optionalKey = optionalKey;
      this.direct = direct;
    }

    @Override
    public Binding<?> visit(MultibinderBinding<? extends Object> multibinding) {
      return null;
    }

    @Override
    public Binding<?> visit(MapBinderBinding<? extends Object> mapbinding) {
      return null;
    }

    @Override
    public Binding<?> visit(OptionalBinderBinding<? extends Object> optionalbinding) {
      if (!optionalbinding.getKey().equals(optionalKey) || !optionalbinding.containsElement(direct)) {
        return null;
      }
      Binding<?> chosen = optionalbinding.getActualBinding() != null
          ? optionalbinding.getActualBinding() : optionalbinding.getDefaultBinding();
      // the value's own key has the value's type; Optional<T>'s Provider forms do not
      return chosen != null && chosen != direct
          && chosen.getKey().getTypeLiteral().equals(direct.getKey().getTypeLiteral()) ? chosen : null;
    }
  }

  private static final class Visitor extends DefaultBindingTargetVisitor<Object, Collection>
      implements MultibindingsTargetVisitor<Object, Collection> {
    @Override
    public Collection visit(MultibinderBinding<? extends Object> multibinding) {
      if (!multibinding.getSetKey().equals(visited)) {
        return null;
      }
      return new Collection(Multibinder.class, List.of(multibinding.getElementTypeLiteral().getType()),
          List.of(), elements ? List.copyOf(multibinding.getElements()) : List.of());
    }

    @Override
    public Collection visit(MapBinderBinding<? extends Object> mapbinding) {
      if (!mapbinding.getMapKey().equals(visited)) {
        return mapbinding.permitsDuplicates() && multimapKey(mapbinding).equals(visited)
            ? multimap(mapbinding) : null;
      }
      // a key bound twice (permitDuplicates, or the same binding in two modules) is one entry of
      // the map, as Guice builds it: at the key's first place, with the key's last binding
      Map<Object, Binding<?>> entries = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, Binding<?>> entry : elements ? mapbinding.getEntries() : List.<Map.Entry<?, Binding<?>>>of()) {
        entries.put(entry.getKey(), entry.getValue());
      }
      List<Object> keys = new ArrayList<>(entries.keySet());
      List<Binding<?>> values = new ArrayList<>(entries.values());
      return new Collection(MapBinder.class, List.of(mapbinding.getKeyTypeLiteral().getType(),
          mapbinding.getValueTypeLiteral().getType()), keys, values);
    }

    /**
     * Returns the collection of a map binder's {@code Map<K, Set<V>>}, which it binds where it
     * permits duplicates: every binding with its key, grouped as Guice's map holds them (the
     * keys in the order of their first binding, each key's bindings in order), so that binding
     * them again in this order gives the same map.
     */
    private Collection multimap(MapBinderBinding<?> mapbinding) {
      Map<Object, List<Binding<?>>> byKey = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, Binding<?>> entry : elements ? mapbinding.getEntries() : List.<Map.Entry<?, Binding<?>>>of()) {
        byKey.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue());
      }
      List<Object> keys = new ArrayList<>();
      List<Binding<?>> values = new ArrayList<>();
      byKey.forEach((key, bindings) -> {
        for (Binding<?> binding : bindings) {
          keys.add(key);
          values.add(binding);
        }
      });
      return new Collection(MapBinder.class, List.of(mapbinding.getKeyTypeLiteral().getType(),
          mapbinding.getValueTypeLiteral().getType()), keys, values);
    }

    @Override
    public Collection visit(OptionalBinderBinding<? extends Object> optionalbinding) {
      Key<?> key = optionalbinding.getKey();
      if (!key.equals(visited) || key.getTypeLiteral().getRawType() != java.util.Optional.class
          || !(key.getTypeLiteral().getType() instanceof ParameterizedType type)) {
        return null; // Guava's Optional, and the Provider forms
      }
      Type value = type.getActualTypeArguments()[0];
      if (value instanceof ParameterizedType provided && Guiced.isProviderType((Class<?>) provided.getRawType())) {
        return null;
      }
      Binding<?> chosen = !elements ? null : optionalbinding.getActualBinding() != null
          ? optionalbinding.getActualBinding() : optionalbinding.getDefaultBinding();
      return new Collection(OptionalBinder.class, List.of(value), List.of(),
          chosen == null ? List.of() : List.of(chosen));
    }

    private final Key<?> visited;
    private final boolean elements;

    /** A visitor that lists the elements too if {@code elements}, which needs a created injector. */
    Visitor(Key<?> visited, boolean elements) {
      this.visited = visited;
      this.elements = elements;
    }
  }
}
