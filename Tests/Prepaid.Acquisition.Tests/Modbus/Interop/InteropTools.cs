using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus.Interop;

/// <summary>Starts Debian's independent Modbus tools (pymodbus, mbpoll) against loopback ports.</summary>
internal static class InteropTools
{
    public const string Python = "/usr/bin/python3";
    public const string MbPoll = "/usr/bin/mbpoll";

    public static string Script(string name, [CallerFilePath] string sourceFile = "")
    {
        // Prefer a copy next to the test assembly; fall back to the source tree, where the scripts live.
        var besideAssembly = Path.Combine(AppContext.BaseDirectory, "Modbus", "Interop", name);
        var inSource = Path.Combine(Path.GetDirectoryName(sourceFile)!, name);
        var path = File.Exists(besideAssembly) ? besideAssembly : inSource;
        Assert.True(File.Exists(path), $"Interop script {name} not found at {besideAssembly} or {inSource}.");
        return path;
    }

    public static void RequireTool(string path, string package) =>
        Assert.True(File.Exists(path), $"{path} is missing: install Debian package {package} (apt-get install -y {package}).");

    public static string FramingArgument(ModbusFraming framing) => framing == ModbusFraming.Rtu ? "rtu" : "tcp";

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Start(file, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the pymodbus server script and waits until its port accepts connections.</summary>
    public static async Task<PeerProcess> StartPymodbusServerAsync(ModbusFraming framing)
    {
        RequireTool(Python, "python3-pymodbus");
        var port = FreePort();
        var process = Start(Python, [Script("pymodbus_server.py"), FramingArgument(framing), port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var peer = new PeerProcess(process, port);
        var listening = false;
        try
        {
            await Eventually.HoldsAsync(async () => (listening = await AcceptsAsync(port)) || process.HasExited, "the pymodbus server's port", TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // Reported below with the server's error output.
        }

        if (listening)
        {
            return peer;
        }

        var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "(still running)";
        await peer.DisposeAsync();
        throw new InvalidOperationException($"pymodbus server did not start on port {port}: {error}");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Process Start(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {file}.");
    }

    /// <summary>A started peer process, killed (by its own handle) on dispose.</summary>
    internal sealed class PeerProcess(Process process, int port) : IAsyncDisposable
    {
        public int Port => port;

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
