using Prepaid.App.Hosting;

namespace Prepaid.App.Tests.Architecture;

/// <summary>What the product assemblies may and may not hold, read from their IL.</summary>
public sealed class ProductAssemblyTests
{
    public static TheoryData<string> ProductAssemblies => new()
    {
        typeof(FeatureModules).Assembly.Location,
        typeof(Prepaid.Acquisition.Polling.AcquisitionEngine).Assembly.Location,
        typeof(Prepaid.Domain.Model.Meter).Assembly.Location,
    };

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void ProductAssembly_CarriesNoBenchmarkCode(string path)
    {
        var benchmarks = AssemblyReferences.Of(path).Select(r => r.FromType).Distinct()
            .Where(t => t.Contains("Benchmark", StringComparison.Ordinal) || t.StartsWith("Bench", StringComparison.Ordinal)).ToList();
        Assert.True(benchmarks.Count == 0, "Benchmark types in a product assembly: " + string.Join(", ", benchmarks));
    }

    [Fact]
    public void Domain_ReferencesNeitherAcquisitionNorApp()
    {
        var outward = AssemblyReferences.Of(typeof(Prepaid.Domain.Model.Meter).Assembly.Location)
            .Where(r => r.ToNamespace.StartsWith("Prepaid.Acquisition", StringComparison.Ordinal) || r.ToNamespace.StartsWith("Prepaid.App", StringComparison.Ordinal))
            .Select(r => $"{r.FromType} uses {r.ToNamespace}.{r.ToType}").Distinct().ToList();
        Assert.True(outward.Count == 0, string.Join(Environment.NewLine, outward));
    }

    [Fact]
    public void Acquisition_ReferencesNoApp()
    {
        var outward = AssemblyReferences.Of(typeof(Prepaid.Acquisition.Polling.AcquisitionEngine).Assembly.Location)
            .Where(r => r.ToNamespace.StartsWith("Prepaid.App", StringComparison.Ordinal))
            .Select(r => $"{r.FromType} uses {r.ToNamespace}.{r.ToType}").Distinct().ToList();
        Assert.True(outward.Count == 0, string.Join(Environment.NewLine, outward));
    }

    [Fact]
    public void App_DoesNotReferencePdfPig()
    {
        var referenced = typeof(FeatureModules).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("UglyToad.PdfPig", referenced);
    }
}
