using System.Net;
using System.Net.Sockets;

namespace Prepaid.App.Tests.Support;

/// <summary>
/// Blocks of 100 loopback ports for live test hosts. A block stays taken until its host is disposed, so two hosts
/// alive at once never share one however few blocks the range has; a block whose ports another process holds (a
/// second working copy's tests, a leftover server) is skipped instead of failing a test with "address in use".
/// </summary>
internal static class PortBlockPool
{
    // The demo mall puts gateway g's serial port p at FirstPort + 10 g + p: its 5 gateways stay under +60.
    private const int PortsProbed = 60;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Taken = [];
    private static int _next;

    public static int Take(int portBase, int blocks)
    {
        lock (Gate)
        {
            for (var tried = 0; tried < blocks; tried++)
            {
                var first = portBase + (_next++ % blocks * 100);
                if (!Taken.Contains(first) && Free(first))
                {
                    Taken.Add(first);
                    return first;
                }
            }
        }

        throw new InvalidOperationException($"No free block of 100 ports in {portBase}-{portBase + (blocks * 100) - 1}; raise PREPAID_TEST_PORT_BLOCKS or move PREPAID_TEST_PORT_BASE.");
    }

    public static void Release(int first)
    {
        lock (Gate)
        {
            Taken.Remove(first);
        }
    }

    private static bool Free(int first)
    {
        for (var port = first; port < first + PortsProbed; port++)
        {
            try
            {
                var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
