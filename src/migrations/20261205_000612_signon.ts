// 统一身份认证 (issue 18): the sign-on sessions (for CAS single logout) and 安全设置 → 禁止密码登录的角色.
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_signon_sessions_method" AS ENUM('oidc', 'cas');
  CREATE TYPE "public"."enum_security_settings_password_login_off_roles" AS ENUM('member', 'branchSecretary', 'partyCommittee', 'propagandaEditor', 'courseCurator', 'reviewer');
  CREATE TABLE "signon_sessions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer,
  	"sid" varchar NOT NULL,
  	"method" "enum_signon_sessions_method" NOT NULL,
  	"ticket" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "security_settings_password_login_off_roles" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_security_settings_password_login_off_roles",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "signon_sessions_id" integer;
  ALTER TABLE "signon_sessions" ADD CONSTRAINT "signon_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "security_settings_password_login_off_roles" ADD CONSTRAINT "security_settings_password_login_off_roles_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."security_settings"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "signon_sessions_user_idx" ON "signon_sessions" USING btree ("user_id");
  CREATE INDEX "signon_sessions_sid_idx" ON "signon_sessions" USING btree ("sid");
  CREATE UNIQUE INDEX "signon_sessions_ticket_idx" ON "signon_sessions" USING btree ("ticket");
  CREATE INDEX "signon_sessions_updated_at_idx" ON "signon_sessions" USING btree ("updated_at");
  CREATE INDEX "signon_sessions_created_at_idx" ON "signon_sessions" USING btree ("created_at");
  CREATE INDEX "security_settings_password_login_off_roles_order_idx" ON "security_settings_password_login_off_roles" USING btree ("order");
  CREATE INDEX "security_settings_password_login_off_roles_parent_idx" ON "security_settings_password_login_off_roles" USING btree ("parent_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_signon_sessions_fk" FOREIGN KEY ("signon_sessions_id") REFERENCES "public"."signon_sessions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_signon_sessions_id_idx" ON "payload_locked_documents_rels" USING btree ("signon_sessions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "signon_sessions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "security_settings_password_login_off_roles" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "signon_sessions" CASCADE;
  DROP TABLE "security_settings_password_login_off_roles" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_signon_sessions_fk";
  
  DROP INDEX "payload_locked_documents_rels_signon_sessions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "signon_sessions_id";
  DROP TYPE "public"."enum_signon_sessions_method";
  DROP TYPE "public"."enum_security_settings_password_login_off_roles";`)
}
