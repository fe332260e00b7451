package dev.stepline.tools;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import java.util.Set;

/**
 * Fails calls of Julep's hosted tool types ({@code integration}, {@code system} and the Anthropic
 * computer-use types), which need Julep's own services, with an {@code UnsupportedToolError} that
 * names the tool and lists the types Stepline runs.
 */
public final class UnsupportedToolProvider implements ToolProvider {
  static final Set<String> TYPES =
      Set.of("integration", "system", "computer_20241022", "text_editor_20241022", "bash_20241022");

  private final String supportedTypes;

  public UnsupportedToolProvider(String supportedTypes) {
    this.supportedTypes = supportedTypes;
  }

  @Override
  public Set<String> types() {
    return TYPES;
  }

  @Override
  public Object call(ToolRequest request) {
    throw unsupported(request, supportedTypes);
  }

  static ToolException unsupported(ToolRequest request, String supportedTypes) {
    String detail = "";
    Object provider = request.spec().get("provider");
    Object resource = request.spec().get("resource");
    if (provider != null) {
      detail = " (provider '" + provider + "')";
    } else if (resource != null) {
      detail = " (resource '" + resource + "')";
    }
    return new ToolException(
        ToolErrors.UNSUPPORTED_TOOL,
        "tool '"
            + request.toolName()
            + "' has type '"
            + request.type()
            + "'"
            + detail
            + ", which Stepline does not run; supported tool types are "
            + supportedTypes
            + ". Call the service with an api_call tool instead");
  }
}
