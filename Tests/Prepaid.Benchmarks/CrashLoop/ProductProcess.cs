using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Prepaid.Benchmarks.CrashLoop;

/// <summary>The built product (<c>App/bin/&lt;configuration&gt;/net10.0/Prepaid.App.dll</c>) as a separate process on a data
/// folder, with the demo mall and the built-in simulator on private loopback ports; its log is read line by line.</summary>
internal sealed class ProductProcess : IAsyncDisposable
{
    private const int WebPort = 31290;
    private const int FirstGatewayPort = 31300;
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Queue<string> _tail = new();

    private ProductProcess(Process process)
    {
        _process = process;
    }

    public static async Task<ProductProcess> StartAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[ProductDll(), "run", $"--Database:DataDirectory={dataFolder}", "--Demo:Enabled=true", "--Demo:HistoryDays=0",
            $"--Demo:FirstPort={FirstGatewayPort}", $"--Urls=http://127.0.0.1:{WebPort}", "--MeterBilling:DeliveryPeriod=00:00:02"])
        {
            info.ArgumentList.Add(argument);
        }

        // The demo is refused in Production; Development is how the README's first command runs it.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var product = new ProductProcess(process);
        process.OutputDataReceived += (_, e) => product.Take(e.Data);
        process.ErrorDataReceived += (_, e) => product.Take(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!await product.WaitForLineAsync(new Regex("Prepaid is ready"), TimeSpan.FromMinutes(2), cancellationToken))
        {
            product.Kill();
            throw new InvalidOperationException("The server did not become ready within 2 minutes:" + Environment.NewLine + product.Tail());
        }

        return product;
    }

    /// <summary>Waits for a log line matching <paramref name="pattern"/>; false on timeout or when the process ended.</summary>
    public async Task<bool> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(limit.Token))
            {
                if (pattern.IsMatch(line))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out.
        }

        return false;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            _lines.Writer.TryComplete();
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }

        _lines.Writer.TryWrite(line);
    }

    /// <summary>The product built in the same configuration as this program.</summary>
    private static string ProductDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Prepaid.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null ? null : Path.Combine(root.FullName, "App", "bin", configuration, "net10.0", "Prepaid.App.dll");
        return dll is not null && File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the product first (dotnet build App -c {configuration}).", dll);
    }
}
