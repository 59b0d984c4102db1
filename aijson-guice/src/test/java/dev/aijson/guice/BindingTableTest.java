package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The table of what the recorder keeps per binding: found by the binding's identity, in chunks
 * that stay young (an injector of tens of thousands of bindings in one array kept every
 * injector let go of alive through young collections).
 */
class BindingTableTest {
  /** Returns the bindings of {@code count} constants {@code @Named("c0")} and on. */
  private static List<Binding<?>> constants(int count) {
    Injector injector = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        for (int i = 0; i < count; i++) {
          bindConstant().annotatedWith(Names.named("c" + i)).to(i);
        }
      }
    });
    List<Binding<?>> bindings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bindings.add(injector.getBinding(Key.get(Integer.class, Names.named("c" + i))));
    }
    return bindings;
  }

  @Test
  void put_growingAcrossManyChunks_findsEveryBindingAndNoOther() {
    List<Binding<?>> bindings = constants(5_000);
    BindingTable<Integer> table = new BindingTable<>(2); // four pairs a chunk
    for (int i = 0; i < 4_000; i++) {
      table.put(bindings.get(i), i);
    }

    for (int i = 0; i < 4_000; i++) {
      assertThat(table.get(bindings.get(i))).isEqualTo(i);
    }
    for (int i = 4_000; i < 5_000; i++) {
      assertThat(table.get(bindings.get(i))).isNull();
    }
  }

  @Test
  void expect_thenPut_keepsEveryPairAndReplacesByIdentity() {
    List<Binding<?>> bindings = constants(3_000);
    BindingTable<String> table = new BindingTable<>(3);
    table.put(bindings.get(0), "before");
    table.expect(3_000);
    for (int i = 1; i < 3_000; i++) {
      table.put(bindings.get(i), "v" + i);
    }
    table.put(bindings.get(0), "after");

    assertThat(table.get(bindings.get(0))).isEqualTo("after");
    assertThat(table.get(bindings.get(2_999))).isEqualTo("v2999");
  }

  @Test
  void get_equalKeysOfTwoInjectors_tellsTheirBindingsApart() {
    Binding<?> first = constants(1).get(0);
    Binding<?> second = constants(1).get(0);
    assertThat(first.getKey()).isEqualTo(second.getKey());
    BindingTable<String> table = new BindingTable<>();

    table.put(first, "first");
    assertThat(table.get(second)).isNull();
    table.put(second, "second");

    assertThat(table.get(first)).isEqualTo("first");
    assertThat(table.get(second)).isEqualTo("second");
  }

  @Test
  void expect_aMillionBindings_keepsNoArrayG1WouldMakeHumongous() {
    BindingTable<Object> table = new BindingTable<>();
    table.expect(1_000_000);

    // 32,768 references are 128 KB (256 KB without compressed references); G1's smallest
    // humongous object is 512 KB, half of its smallest region
    assertThat(table.longestArray()).isAtMost(32_768);
  }

  @Test
  void get_whileAnotherThreadPutsAndGrows_seesEachPutValueOrNothingElse() throws Exception {
    List<Binding<?>> bindings = constants(20_000);
    BindingTable<Integer> table = new BindingTable<>(3);
    AtomicInteger published = new AtomicInteger();
    AtomicReference<String> wrong = new AtomicReference<>();
    AtomicInteger readsWhileGrowing = new AtomicInteger();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < bindings.size(); i++) {
        table.put(bindings.get(i), i);
        published.set(i + 1);
      }
    });
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(new Thread(() -> {
        while (published.get() < bindings.size() && wrong.get() == null) {
          int known = published.get();
          for (int i = Math.max(0, known - 64); i < known; i++) {
            Integer found = table.get(bindings.get(i));
            if (found == null || found != i) {
              wrong.compareAndSet(null, "binding " + i + " read as " + found + " after it was put");
            }
          }
          if (known > 0 && known < bindings.size()) {
            readsWhileGrowing.incrementAndGet();
          }
        }
      }));
    }
    readers.forEach(Thread::start);
    writer.start();
    writer.join();
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(wrong.get()).isNull();
    assertThat(readsWhileGrowing.get()).isGreaterThan(0); // the readers did overlap the writer
  }

  /** A component bound under many keys, each its own binding, as a generated pipeline binds its blocks. */
  static class Block {
    final int width;

    @Inject
    Block(@Named("width") int width) {
      this.width = width;
    }
  }

  @Test
  void recording_twentyThousandBindingsOfOneConstructor_recordsEachUnderItsKey() throws Exception {
    int blocks = 20_000; // 65,536 pairs: four chunks
    java.lang.reflect.Constructor<Block> constructor = Block.class.getDeclaredConstructor(int.class);
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("width")).to(64);
        for (int i = 0; i < blocks; i++) {
          bind(Key.get(Block.class, Names.named("block" + i))).toConstructor(constructor);
        }
      }
    });
    for (int i = 0; i < blocks; i++) {
      injector.getInstance(Key.get(Block.class, Names.named("block" + i)));
    }

    AiJsonDocument document = Documents.of(injector);
    Set<String> keys = new HashSet<>();
    for (AiJsonVar var : document.vars()) {
      assertThat(var.kwargs()).containsExactly("width", 64L);
      keys.add(var.key());
    }
    assertThat(document.vars()).hasSize(blocks);
    assertThat(keys).hasSize(blocks);
    assertThat(keys).contains(
        "@com.google.inject.name.Named(\"block19999\") dev.aijson.guice.BindingTableTest$Block");
  }
}
