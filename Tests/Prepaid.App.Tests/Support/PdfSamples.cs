namespace Prepaid.App.Tests.Support;

/// <summary>Writes a test's PDF where a person can render and look at it, when PREPAID_REPORT_SAMPLES names a folder.</summary>
internal static class PdfSamples
{
    public static void Save(string name, byte[] bytes)
    {
        if (Environment.GetEnvironmentVariable("PREPAID_REPORT_SAMPLES") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }
}
