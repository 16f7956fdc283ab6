namespace Drydock.Docker;

public enum BaseImageOrigin
{
    /// <summary>The requested image was already in the local engine.</summary>
    Local,

    /// <summary>The requested image was pulled.</summary>
    Pulled,

    /// <summary>An offline equivalent built earlier (same package versions) was reused.</summary>
    ReusedOffline,

    /// <summary>An offline equivalent was built now from Debian packages.</summary>
    BuiltOffline,
}

/// <summary>The image reference to put in FROM, and how it came to be there.</summary>
public sealed record ResolvedBaseImage(string Reference, BaseImageOrigin Origin);
