package io.rivulet.api.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TypesTest {
  record Plain(String name) {}

  static final class Pojo {
    public String name;
  }

  /** Annotated, but compiled without the processor (api's tests do not run it). */
  @GenerateSerializer
  record NotGenerated(String name) {}

  enum Op {
    PLUS {
      @Override
      int apply(int a, int b) {
        return a + b;
      }
    };

    abstract int apply(int a, int b);
  }

  @Test
  void basicTypesAndTheirPrimitives() {
    assertThat(Types.of(Long.class)).isSameAs(Types.LONG);
    assertThat(Types.of(long.class)).isSameAs(Types.LONG);
    assertThat(Types.of(String.class)).isSameAs(Types.STRING);
    assertThat(Types.of(long[].class)).isSameAs(Types.LONG_ARRAY);
    assertThat(Types.of(String[].class)).isSameAs(Types.STRING_ARRAY);
  }

  @Test
  void enumsIncludingConstantsWithBodies() {
    assertThat(Types.of(TimeUnit.class)).isEqualTo(Types.enumOf(TimeUnit.class));
    TypeSerializer<?> s = Types.of(Op.PLUS.getClass());
    assertThat(s.typeClass()).isEqualTo(Op.class);
  }

  @Test
  void unannotatedRecordNamesTheTypeAndTheFix() {
    assertThatThrownBy(() -> Types.of(Plain.class)).isInstanceOf(MissingSerializerException.class)
        .hasMessage("no serializer for record type " + Plain.class.getName()
            + ": annotate it with @io.rivulet.api.serialization.GenerateSerializer (and compile with the annotation"
            + " processor rivulet-codegen), or pass a TypeSerializer explicitly, e.g. .returns(mySerializer)");
  }

  @Test
  void unannotatedClassNamesTheTypeAndTheFix() {
    assertThatThrownBy(() -> Types.of(Pojo.class)).isInstanceOf(MissingSerializerException.class)
        .hasMessageStartingWith("no serializer for type " + Pojo.class.getName() + ": annotate it with "
            + "@io.rivulet.api.serialization.GenerateSerializer");
    assertThatThrownBy(() -> Types.of(ArrayList.class)).hasMessageContaining("Types.listOf(");
  }

  @Test
  void annotatedWithoutGeneratedSerializerNamesTheMissingClass() {
    assertThatThrownBy(() -> Types.of(NotGenerated.class)).isInstanceOf(MissingSerializerException.class)
        .hasMessageContaining(NotGenerated.class.getName())
        .hasMessageContaining("io.rivulet.api.serialization.TypesTest_NotGenerated_RivuletSerializer")
        .hasMessageContaining("rivulet-codegen");
  }

  @Test
  void namingConventionJoinsTheNestingChain() {
    assertThat(GeneratedSerializers.serializerClassName(NotGenerated.class))
        .isEqualTo("io.rivulet.api.serialization.TypesTest_NotGenerated_RivuletSerializer");
    assertThat(GeneratedSerializers.serializerClassName(String.class)).isEqualTo("java.lang.String_RivuletSerializer");
  }
}
