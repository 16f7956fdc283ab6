namespace Drydock.Docker.Tests;

/// <summary>Output captured from docker 28.2 (client) against engine 20.10.24, kept under Captured/.</summary>
internal static class Captured
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captured", name));

    public static string[] Lines(string name) => Text(name).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
