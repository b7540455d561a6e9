package io.tidestream.it.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the shared {@link TestStack}: {@code @ExtendWith(StackExtension.class)} and a {@code
 * TestStack} parameter. The stack lives in the root context's store, so it is started once per test
 * JVM and closed when the test plan ends.
 */
public final class StackExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("stack", key -> new Resource(new TestStack()), Resource.class)
        .stack;
  }

  /** Closes the stack when JUnit closes the root store. */
  @SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13, AutoCloseable after
  private record Resource(TestStack stack)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      stack.close();
    }
  }
}
