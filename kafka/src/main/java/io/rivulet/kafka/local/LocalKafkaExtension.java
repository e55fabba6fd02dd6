package io.rivulet.kafka.local;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link LocalKafka} broker for the whole test run (the first test class that uses it starts it;
 * it is stopped, and its data deleted, when the run ends) and injects it into test constructors, lifecycle
 * methods and test methods that declare a {@code LocalKafka} parameter.
 *
 * <pre>{@code
 * @ExtendWith(LocalKafkaExtension.class)
 * class MyTest {
 *   @Test void reads(LocalKafka kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * Tests share the broker: each should use topics of its own (e.g. named after the test).
 */
public final class LocalKafkaExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalKafkaExtension.class);

  /** The broker of this test run, started on first use. */
  public static LocalKafka kafka(ExtensionContext context) {
    // the root store outlives every test class and closes what it holds (LocalKafka is AutoCloseable) at the end
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(LocalKafka.class, k -> LocalKafka.builder().start(), LocalKafka.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    kafka(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return kafka(context);
  }
}
