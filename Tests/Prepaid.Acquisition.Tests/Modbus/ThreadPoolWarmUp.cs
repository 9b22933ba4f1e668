using System.Runtime.CompilerServices;

namespace Prepaid.Acquisition.Tests.Modbus;

/// <summary>
/// On a 2-core machine the thread pool starts with 2 threads, and the test host keeps some of them busy; socket
/// continuations then wait for the pool's starvation injection (about 0.5 s per thread), which looks exactly
/// like a Modbus timeout. Raising the minimum once for the test process keeps timeout tests honest.
/// </summary>
internal static class ThreadPoolWarmUp
{
#pragma warning disable CA2255 // A module initializer is the one place that runs before any test in this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));
    }
}
