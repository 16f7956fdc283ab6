namespace Drydock.Engine.Targets;

/// <summary>
/// A target is a member of the build that configures its own definition, exactly as in NUKE:
/// <c>Target Compile => _ => _.DependsOn(Restore).Executes(() => ...);</c>
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
