namespace Drydock.Engine.Planning;

/// <summary>The build cannot start: the message says why and what to change. Nothing has run.</summary>
public sealed class PlanningException(string message) : Exception(message);
