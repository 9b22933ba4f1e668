namespace Prepaid.Benchmarks;

// An explicit entry point in its own namespace: a top-level program would declare a second global Program type
// beside the App's for the test projects that reference both.
internal static class BenchmarksProgram
{
    public static Task<int> Main(string[] args) => BenchCommand.InvokeAsync(args);
}
