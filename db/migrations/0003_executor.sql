CREATE TABLE "executor_events" (
	"id" text PRIMARY KEY NOT NULL,
	"namespace" text NOT NULL,
	"name" text NOT NULL,
	"external_id" text,
	"event" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executor_functions" (
	"namespace" text NOT NULL,
	"id" text NOT NULL,
	"app_id" text NOT NULL,
	"app_url" text NOT NULL,
	"config" jsonb NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	CONSTRAINT "executor_functions_namespace_id_pk" PRIMARY KEY("namespace","id")
);
--> statement-breakpoint
CREATE TABLE "executor_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"namespace" text NOT NULL,
	"run_id" text NOT NULL,
	"kind" text NOT NULL,
	"step_id" text,
	"attempt" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"event_name" text,
	"condition" text,
	"child_run_id" text,
	"claimed_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executor_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"namespace" text NOT NULL,
	"function_id" text NOT NULL,
	"status" text NOT NULL,
	"event" jsonb NOT NULL,
	"disable_immediate_execution" boolean DEFAULT false NOT NULL,
	"idempotency_key" text,
	"throttle_key" text,
	"rate_limit_key" text,
	"concurrency" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parent_run_id" text,
	"parent_step_id" text,
	"calls" integer DEFAULT 0 NOT NULL,
	"output" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "executor_steps" (
	"run_id" text NOT NULL,
	"step_id" text NOT NULL,
	"seq" integer NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "executor_steps_run_id_step_id_pk" PRIMARY KEY("run_id","step_id")
);
--> statement-breakpoint
ALTER TABLE "executor_jobs" ADD CONSTRAINT "executor_jobs_run_id_executor_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."executor_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "executor_steps" ADD CONSTRAINT "executor_steps_run_id_executor_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."executor_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "executor_events_external" ON "executor_events" USING btree ("namespace","external_id","received_at");--> statement-breakpoint
CREATE INDEX "executor_events_received" ON "executor_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "executor_jobs_due" ON "executor_jobs" USING btree ("namespace","kind","due_at");--> statement-breakpoint
CREATE INDEX "executor_jobs_wait" ON "executor_jobs" USING btree ("namespace","event_name");--> statement-breakpoint
CREATE INDEX "executor_jobs_run" ON "executor_jobs" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "executor_runs_function" ON "executor_runs" USING btree ("namespace","function_id","created_at");--> statement-breakpoint
CREATE INDEX "executor_runs_status" ON "executor_runs" USING btree ("namespace","status");--> statement-breakpoint
CREATE INDEX "executor_runs_idempotency" ON "executor_runs" USING btree ("namespace","function_id","idempotency_key");