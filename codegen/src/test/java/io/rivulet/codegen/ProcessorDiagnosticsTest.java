package io.rivulet.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when a type cannot get a generated serializer: a compile error on the element at fault. */
class ProcessorDiagnosticsTest {
  @TempDir
  Path dir;

  private TestCompiler.Result compile(String name, String body) throws IOException {
    String source = "package shop;\n"
        + "import io.rivulet.api.serialization.GenerateSerializer;\n"
        + "import java.util.*;\n"
        + body + "\n";
    return TestCompiler.compile(dir, Map.of("shop/" + name + ".java", source));
  }

  private static void assertPointsAt(TestCompiler.Result r, Diagnostic<? extends JavaFileObject> d, String text) {
    assertThat(r.lineOf(d)).as("line of: %s", d.getMessage(null)).contains(text);
  }

  @Test
  void validTypesCompileWithoutAnyWarning() throws IOException {
    TestCompiler.Result r = compile("Order",
        "@GenerateSerializer public record Order(String id, long cents, Integer qty, List<Map<String, Set<Long>>> x,\n"
            + "    byte[] raw, Order.Kind kind, Order.Line line) {\n"
            + "  public enum Kind { A, B }\n"
            + "  @GenerateSerializer public record Line(String sku) {}\n"
            + "}");
    assertThat(r.diagnostics()).as(r.describe()).isEmpty();
    assertThat(r.success()).isTrue();
  }

  @Test
  void unsupportedFieldTypePointsAtTheComponent() throws IOException {
    TestCompiler.Result r = compile("Event",
        "@GenerateSerializer\n"
            + "public record Event(String id,\n"
            + "    java.time.Instant when) {}");
    Diagnostic<? extends JavaFileObject> d = r.error("field 'when' of Event");
    assertThat(d.getMessage(null)).contains("java.time.Instant has no serializer")
        .contains("annotate java.time.Instant with @GenerateSerializer");
    assertPointsAt(r, d, "when");
    assertThat(r.success()).isFalse();
  }

  @Test
  void nonPublicNoArgConstructorPointsAtTheConstructor() throws IOException {
    TestCompiler.Result r = compile("Cart",
        "@GenerateSerializer public class Cart {\n"
            + "  public String owner;\n"
            + "  Cart() {}\n"
            + "}");
    assertPointsAt(r, r.error("no-argument constructor of Cart to be public"), "Cart() {}");
  }

  @Test
  void missingNoArgConstructor() throws IOException {
    TestCompiler.Result r = compile("Cart",
        "@GenerateSerializer public class Cart {\n"
            + "  public String owner;\n"
            + "  public Cart(String owner) { this.owner = owner; }\n"
            + "}");
    assertPointsAt(r, r.error("needs a public no-argument constructor in Cart"), "class Cart");
  }

  @Test
  void privateFieldWithoutAccessorsNamesWhatIsMissing() throws IOException {
    TestCompiler.Result r = compile("Cart",
        "@GenerateSerializer public class Cart {\n"
            + "  private boolean open;\n"
            + "  private int size;\n"
            + "  public int getSize() { return size; }\n"
            + "}");
    assertPointsAt(r, r.error("field 'open' is not public and has no public getter getOpen() or isOpen() and no public"
        + " setter setOpen(boolean)"), "open;");
    assertPointsAt(r, r.error("field 'size' is not public and has no public setter setSize(int)"), "size;");
  }

  @Test
  void finalPojoFieldCannotBeSet() throws IOException {
    TestCompiler.Result r = compile("Cart",
        "@GenerateSerializer public class Cart {\n"
            + "  public final String owner = \"x\";\n"
            + "}");
    assertPointsAt(r, r.error("field 'owner' is final"), "owner");
  }

  @Test
  void genericRecursiveAndOddShapesAreRefused() throws IOException {
    TestCompiler.Result r = compile("Shapes",
        "public class Shapes {\n"
            + "  @GenerateSerializer public record Box<T>(T value) {}\n"
            + "  @GenerateSerializer public record Node(String name, List<Node> children) {}\n"
            + "  @GenerateSerializer public enum Colour { RED }\n"
            + "  @GenerateSerializer public class Inner { public int x; }\n"
            + "  @GenerateSerializer public record Bag(ArrayList<String> items, Object[] things, List raw) {}\n"
            + "  @GenerateSerializer private record Hidden(int x) {}\n"
            + "}");
    assertPointsAt(r, r.error("does not support generic types: Box"), "record Box");
    assertPointsAt(r, r.error("recursive types are not supported"), "record Node");
    assertPointsAt(r, r.error("not needed on enums"), "enum Colour");
    assertPointsAt(r, r.error("inner class Inner"), "class Inner");
    assertPointsAt(r, r.error("declare the field as java.util.List"), "record Bag");
    assertPointsAt(r, r.error("arrays of java.lang.Object are not supported"), "record Bag");
    assertPointsAt(r, r.error("raw java.util.List is not supported"), "record Bag");
    assertPointsAt(r, r.error("Hidden is private"), "record Hidden");
  }
}
