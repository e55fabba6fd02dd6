package io.rivulet.kafka.local;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link LocalApicurio} registry for the whole test run (stopped when the run ends) and injects it
 * into parameters of type {@code LocalApicurio}. Tests share it: use artifact ids or groups of your own.
 */
public final class LocalApicurioExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalApicurioExtension.class);

  /** The registry of this test run, started on first use. */
  public static LocalApicurio registry(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(LocalApicurio.class, k -> LocalApicurio.builder().start(), LocalApicurio.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    registry(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalApicurio.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return registry(context);
  }
}
