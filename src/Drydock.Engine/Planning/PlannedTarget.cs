using Drydock.Engine.Targets;

namespace Drydock.Engine.Planning;

/// <summary>A target in execution order. A non-null SkipReason means it was decided before anything ran that it will not run.</summary>
public sealed record PlannedTarget(TargetNode Node, bool Invoked, string? SkipReason);
