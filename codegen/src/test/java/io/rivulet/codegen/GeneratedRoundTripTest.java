package io.rivulet.codegen;

import static io.rivulet.codegen.SerializerChecks.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.serialization.GeneratedField;
import io.rivulet.api.serialization.Types;
import io.rivulet.codegen.model.Account;
import io.rivulet.codegen.model.Address;
import io.rivulet.codegen.model.Arrays;
import io.rivulet.codegen.model.Color;
import io.rivulet.codegen.model.Outer;
import io.rivulet.codegen.model.Person;
import io.rivulet.codegen.model.Person_RivuletSerializer;
import io.rivulet.codegen.model.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

/** Generated serializers, found through Types.of, pass the same checks as the built-ins. */
class GeneratedRoundTripTest {

  @Provide
  Arbitrary<String> unicode() {
    return SerializerChecks.unicodeStrings().injectNull(0.05);
  }

  @Provide
  Arbitrary<Address> address() {
    return Combinators.combine(unicode(), unicode(), Arbitraries.integers().injectNull(0.2)).as(Address::new)
        .injectNull(0.1);
  }

  @Provide
  Arbitrary<List<Address>> addresses() {
    return address().list().ofMaxSize(4).injectNull(0.1);
  }

  @Provide
  Arbitrary<Point> point() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(Point::new);
  }

  @Property(tries = 300)
  void person(@ForAll("unicode") String name, @ForAll int age, @ForAll long id, @ForAll double score,
      @ForAll float ratio, @ForAll boolean active, @ForAll char initial, @ForAll byte flags, @ForAll short level,
      @ForAll @WithNull Integer rank, @ForAll @WithNull Color favourite, @ForAll("address") Address home,
      @ForAll @WithNull List<@WithNull String> tags, @ForAll @WithNull Map<String, @WithNull Long> counters,
      @ForAll @WithNull Set<Color> colors, @ForAll @WithNull byte[] avatar, @ForAll("addresses") List<Address> previous,
      @ForAll @WithNull Map<String, List<Integer>> scores) {
    Person p = new Person(name, age, id, score, ratio, active, initial, flags, level, rank, favourite, home, tags,
        counters, colors, avatar, previous, scores);
    check(Types.of(Person.class), p);
  }

  @Property(tries = 200)
  void pojoWithInheritedAndPublicFields(@ForAll long id, @ForAll("unicode") String owner, @ForAll boolean frozen,
      @ForAll("points") List<Point> points, @ForAll @WithNull Map<String, @WithNull List<Integer>> history,
      @ForAll @WithNull Color color) {
    Account a = new Account();
    a.setId(id);
    a.setOwner(owner);
    a.setFrozen(frozen);
    a.setPoints(points);
    a.setHistory(history);
    a.color = color;
    check(Types.of(Account.class), a);
  }

  @Provide
  Arbitrary<List<Point>> points() {
    return point().list().ofMaxSize(5).injectNull(0.1);
  }

  @Property(tries = 200)
  void arraysAndNestedMutableRecord(@ForAll @WithNull long[] longs, @ForAll @WithNull int[] ints,
      @ForAll @WithNull double[] doubles, @ForAll @WithNull String[] strings, @ForAll("points") List<Point> points,
      @ForAll boolean nullHolder) {
    Arrays a = new Arrays(longs, ints, doubles, strings, nullHolder ? null : new Arrays.Holder(points));
    check(Types.of(Arrays.class), a);
  }

  @Property(tries = 100)
  void immutableRecords(@ForAll("point") Point point, @ForAll("unicode") String label, @ForAll long value) {
    check(Types.of(Point.class), point);
    check(Types.of(Outer.Inner.class), new Outer.Inner(label, value));
  }

  @Test
  void immutabilityIsDecidedAtCompileTime() {
    assertThat(Types.of(Point.class).isImmutable()).isTrue();
    assertThat(Types.of(Address.class).isImmutable()).isTrue();
    assertThat(Types.of(Outer.Inner.class).isImmutable()).isTrue();
    assertThat(Types.of(Person.class).isImmutable()).isFalse();
    assertThat(Types.of(Arrays.class).isImmutable()).isFalse();
    assertThat(Types.of(Account.class).isImmutable()).isFalse();
    Point p = new Point(1, 2);
    assertThat(Types.of(Point.class).copy(p)).isSameAs(p);
  }

  @Test
  void copiesAreDeep() {
    Person p = new Person("n", 1, 2, 3, 4, true, 'c', (byte) 5, (short) 6, 7, Color.RED, new Address("s", "c", 1),
        new ArrayList<>(List.of("a")), new HashMap<>(Map.of("k", 1L)), Set.of(Color.BLUE), new byte[] {1},
        new ArrayList<>(List.of(new Address("x", "y", null))), new HashMap<>(Map.of("s", new ArrayList<>(List.of(1))))
    );
    Person c = Types.of(Person.class).copy(p);
    c.tags().add("b");
    c.counters().put("k", 2L);
    c.avatar()[0] = 9;
    c.scores().get("s").add(2);
    assertThat(p.tags()).containsExactly("a");
    assertThat(p.counters()).containsEntry("k", 1L);
    assertThat(p.avatar()).containsExactly(1);
    assertThat(p.scores().get("s")).containsExactly(1);
    assertThat(c.home()).isSameAs(p.home()); // immutable nested record: shared, not copied

    Arrays a = new Arrays(new long[] {1}, null, null, new String[] {"x"}, new Arrays.Holder(new ArrayList<>()));
    Arrays ac = Types.of(Arrays.class).copy(a);
    ac.longs()[0] = 2;
    ac.strings()[0] = "y";
    ac.holder().points().add(new Point(0, 0));
    assertThat(a.longs()).containsExactly(1);
    assertThat(a.strings()).containsExactly("x");
    assertThat(a.holder().points()).isEmpty();

    Account acc = new Account();
    acc.setPoints(new ArrayList<>(List.of(new Point(1, 1))));
    Account accCopy = Types.of(Account.class).copy(acc);
    accCopy.getPoints().clear();
    assertThat(acc.getPoints()).hasSize(1);
  }

  @Test
  void layoutNamesFieldsAndTypeSignaturesInWriteOrder() {
    List<GeneratedField> fields = Person_RivuletSerializer.INSTANCE.fields();
    assertThat(fields).extracting(GeneratedField::name).startsWith("name", "age", "id").endsWith("previous", "scores");
    assertThat(fields.get(1).signature()).isEqualTo("int");
    assertThat(fields.get(9).signature()).isEqualTo("java.lang.Integer");
    assertThat(fields.get(17).signature()).isEqualTo("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>");
    assertThat(Types.of(Account.class)).extracting(s -> ((io.rivulet.api.serialization.GeneratedSerializer<?>) s).fields())
        .asList().extracting("name").containsExactly("id", "owner", "frozen", "points", "history", "color");
  }
}
