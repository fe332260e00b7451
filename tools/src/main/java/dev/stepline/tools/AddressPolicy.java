package dev.stepline.tools;

import dev.stepline.runtime.spi.ToolException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides which hosts a tool may connect to. Link-local addresses (169.254.0.0/16, fe80::/10),
 * which include the instance metadata services of AWS (169.254.169.254, fd00:ec2::254) and of most
 * clouds, are refused unless the configuration allows them. Loopback and unspecified addresses are
 * refused when the call runs deployed, where they can only reach the platform's own agents, and
 * allowed on a local run.
 */
public final class AddressPolicy {
  private static final byte[] AWS_METADATA_V6 = {
    (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  private final boolean allowLinkLocal;

  public AddressPolicy(boolean allowLinkLocal) {
    this.allowLinkLocal = allowLinkLocal;
  }

  /**
   * Resolves {@code host} and checks every address it resolves to, so that a name with one
   * permitted and one refused address is refused.
   *
   * @return the resolved addresses
   * @throws ToolException a {@code ConnectionError} naming the host and the rule, or when the host
   *     does not resolve
   */
  public List<InetAddress> check(String toolName, String host, boolean deployed) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new ToolException(
          ToolErrors.CONNECTION,
          "tool '" + toolName + "': host not found: " + host + "; check the host name",
          e);
    }
    for (InetAddress address : addresses) {
      String refusal = refusalReason(address, deployed);
      if (refusal != null) {
        throw new ToolException(
            ToolErrors.CONNECTION,
            "tool '"
                + toolName
                + "': connection to "
                + host
                + " ("
                + address.getHostAddress()
                + ") refused: "
                + refusal);
      }
    }
    return List.of(addresses);
  }

  private String refusalReason(InetAddress address, boolean deployed) {
    if (!allowLinkLocal && (address.isLinkLocalAddress() || isMetadataAddress(address))) {
      return "link-local and instance metadata addresses are blocked; allow them with"
          + " STEPLINE_ALLOW_LINK_LOCAL=true if the tool really needs one";
    }
    if (deployed && (address.isLoopbackAddress() || address.isAnyLocalAddress())) {
      return "loopback addresses are blocked when deployed; call the service by its network"
          + " address";
    }
    return null;
  }

  private static boolean isMetadataAddress(InetAddress address) {
    if (address instanceof Inet6Address) {
      return java.util.Arrays.equals(address.getAddress(), AWS_METADATA_V6);
    }
    return address instanceof Inet4Address && isLinkLocalV4(address.getAddress());
  }

  private static boolean isLinkLocalV4(byte[] bytes) {
    return (bytes[0] & 0xff) == 169 && (bytes[1] & 0xff) == 254;
  }
}
