using System.Diagnostics;
using System.Globalization;

namespace Prepaid.Acquisition.Tests.Modbus.Interop;

/// <summary>A pseudo-terminal that Debian's socat bridges to a TCP port on 127.0.0.1: a serial bus without hardware.</summary>
internal sealed class PtyBridge : IAsyncDisposable
{
    public const string Socat = "/usr/bin/socat";

    private readonly Process _socat;
    private readonly DirectoryInfo _directory;

    private PtyBridge(Process socat, DirectoryInfo directory, string path)
    {
        _socat = socat;
        _directory = directory;
        Path = path;
    }

    /// <summary>The pty's path, usable as a serial port name.</summary>
    public string Path { get; }

    public static async Task<PtyBridge> StartAsync(int tcpPort)
    {
        InteropTools.RequireTool(Socat, "socat");
        var directory = Directory.CreateTempSubdirectory("modbus-pty-");
        var link = System.IO.Path.Combine(directory.FullName, "ttyMODBUS");
        var info = new ProcessStartInfo(Socat) { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add($"pty,raw,echo=0,link={link}");
        info.ArgumentList.Add($"tcp:127.0.0.1:{tcpPort.ToString(CultureInfo.InvariantCulture)}");
        var bridge = new PtyBridge(Process.Start(info)!, directory, link);
        try
        {
            await Eventually.HoldsAsync(() => File.Exists(link) || bridge._socat.HasExited, "socat to create the pty link", TimeSpan.FromSeconds(10));
            Assert.True(File.Exists(link), "socat exited without creating the pty link.");
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }

        return bridge;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            await _socat.WaitForExitAsync();
        }

        _socat.Dispose();
        _directory.Delete(recursive: true);
    }
}
