package io.rivulet.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.serialization.MissingSerializerException;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.codegen.model.Outer;
import io.rivulet.codegen.model.Outer_Inner_RivuletSerializer;
import io.rivulet.codegen.model.Person;
import io.rivulet.codegen.model.Person_RivuletSerializer;
import org.junit.jupiter.api.Test;

class TypesLookupTest {

  @Test
  void findsTheGeneratedInstanceByConvention() {
    assertThat(Types.of(Person.class)).isSameAs(Person_RivuletSerializer.INSTANCE);
    assertThat(Types.of(Outer.Inner.class)).isSameAs(Outer_Inner_RivuletSerializer.INSTANCE);
    assertThat(Types.of(Outer.Inner.class).typeClass()).isEqualTo(Outer.Inner.class);
  }

  @Test
  void unannotatedRecordFailsWithTheFix() {
    assertThatThrownBy(() -> Types.of(Outer.NotAnnotated.class)).isInstanceOf(MissingSerializerException.class)
        .hasMessageContaining("io.rivulet.codegen.model.Outer$NotAnnotated")
        .hasMessageContaining("annotate it with @io.rivulet.api.serialization.GenerateSerializer");
  }

  @Test
  void generatedSerializerStaysASingletonAcrossJavaSerialization() {
    TypeSerializer<Person> shipped = SerializerChecks.javaRoundTrip(Types.of(Person.class));
    assertThat(shipped).isSameAs(Person_RivuletSerializer.INSTANCE);
  }
}
