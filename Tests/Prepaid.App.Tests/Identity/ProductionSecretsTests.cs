using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo;
using Prepaid.App.Identity;
namespace Prepaid.App.Tests.Identity;

public sealed class ProductionSecretsTests
{
    private static IdentitySeeder Seeder(string environment, bool demo, string? adminPassword) => new(
        scopes: null!,
        Options.Create(new SecurityOptions { AdminPassword = adminPassword }),
        Options.Create(new DemoOptions { Enabled = demo }),
        new Environment(environment),
        audit: null!,
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<IdentitySeeder>.Instance);

    [Fact]
    public void Check_ProductionWithDemoUsers_RefusesToStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Seeder("Production", demo: true, null).EnsureNoPublishedSecretsInProduction());

        Assert.Contains("Demo:Enabled is on in Production", error.Message);
    }

    [Theory]
    [InlineData("Demo-Manager-2026")]
    [InlineData("short")]
    public void Check_ProductionWithPublishedOrWeakAdminPassword_RefusesToStart(string password)
    {
        Assert.Throws<InvalidOperationException>(() => Seeder("Production", demo: false, password).EnsureNoPublishedSecretsInProduction());
    }

    [Theory]
    [InlineData("Production", false, null)]
    [InlineData("Production", false, "A-Real-Secret-2026")]
    [InlineData("Development", true, "Demo-Manager-2026")]
    public void Check_SafeCombinations_Pass(string environment, bool demo, string? password)
    {
        Seeder(environment, demo, password).EnsureNoPublishedSecretsInProduction();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Prepaid.App";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
