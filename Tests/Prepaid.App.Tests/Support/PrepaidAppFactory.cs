using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Prepaid.App.Tests.Support;

/// <summary>The whole app in-process on its own fresh SQLite file, with the demo mall.</summary>
public sealed class PrepaidAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));

    public string DataFolder => _dataFolder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataFolder);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Localization:DefaultCulture", "en");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // See TestDatabase.DisposeAsync.
        }
    }
}
