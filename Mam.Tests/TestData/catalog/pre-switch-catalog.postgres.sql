--
-- PostgreSQL database dump
--

\restrict df110lkZ6dyv4x3VqM4WaLMPhaUlaksnP6F2wkmwdpREoKnin1E8Kup2pmyAL1B

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: Assets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Assets" (
    "Id" uuid NOT NULL,
    "CardId" uuid NOT NULL,
    "ClipName" character varying(4096) NOT NULL,
    "SourceFileId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Technical_Container" character varying(64),
    "Technical_DurationSeconds" double precision,
    "Technical_FrameRateNumerator" integer,
    "Technical_FrameRateDenominator" integer,
    "Technical_StartTimecode" character varying(16),
    "Technical_VideoCodec" character varying(64),
    "Technical_Width" integer,
    "Technical_Height" integer,
    "Technical_AudioStreams" integer,
    "Technical_AudioLayout" character varying(512),
    "Qc_Status" character varying(16),
    "Qc_IntegratedLufs" double precision,
    "Qc_TruePeakDbtp" double precision,
    "Qc_Summary" character varying(4000),
    "Technical_RecordedAt" timestamp with time zone
);


--
-- Name: CardFiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."CardFiles" (
    "Id" uuid NOT NULL,
    "CardId" uuid NOT NULL,
    "RelativePath" character varying(4096) NOT NULL,
    "Size" bigint NOT NULL,
    "Xxh64" character varying(16) NOT NULL,
    "OtherHashes" text NOT NULL,
    "StorageKey" character varying(4400) NOT NULL,
    "Role" character varying(16) NOT NULL,
    "AssetId" uuid
);


--
-- Name: Cards; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Cards" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Name" character varying(128) NOT NULL,
    "Camera" character varying(128),
    "Roll" character varying(128),
    "Dit" character varying(128),
    "SourceVolume" character varying(4096),
    "OffloadedAt" timestamp with time zone NOT NULL,
    "RegisteredAt" timestamp with time zone NOT NULL
);


--
-- Name: ClipTags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ClipTags" (
    "Id" uuid NOT NULL,
    "AssetId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Label" character varying(512) NOT NULL,
    "Start" double precision NOT NULL,
    "End" double precision NOT NULL,
    "Confidence" double precision NOT NULL,
    "Source" character varying(64) NOT NULL,
    "Value" double precision,
    "Detail" character varying(4000)
);


--
-- Name: PipelineStages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."PipelineStages" (
    "Id" uuid NOT NULL,
    "AssetId" uuid NOT NULL,
    "Stage" character varying(16) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "Attempts" integer NOT NULL,
    "LastError" character varying(4000),
    "Note" character varying(1000),
    "StartedAt" timestamp with time zone,
    "FinishedAt" timestamp with time zone,
    "UpdatedAt" timestamp with time zone NOT NULL
);


--
-- Name: Projects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Projects" (
    "Id" uuid NOT NULL,
    "Name" character varying(128) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL
);


--
-- Name: Renditions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Renditions" (
    "Id" uuid NOT NULL,
    "AssetId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "StorageKey" character varying(4400) NOT NULL,
    "ContentType" character varying(64) NOT NULL,
    "Size" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL
);


--
-- Name: TranscriptSegments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."TranscriptSegments" (
    "Id" uuid NOT NULL,
    "AssetId" uuid NOT NULL,
    "Sequence" integer NOT NULL,
    "Start" double precision NOT NULL,
    "End" double precision NOT NULL,
    "Text" text NOT NULL,
    "Engine" character varying(64) NOT NULL,
    "Words" text NOT NULL,
    "Confidence" double precision
);


--
-- Name: UploadSessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."UploadSessions" (
    "Id" uuid NOT NULL,
    "Project" character varying(128) NOT NULL,
    "Card" character varying(128) NOT NULL,
    "RelativePath" character varying(4096) NOT NULL,
    "StorageKey" character varying(4400) NOT NULL,
    "Size" bigint NOT NULL,
    "Xxh64" character varying(16) NOT NULL,
    "StoreUploadId" character varying(1024) NOT NULL,
    "PartSize" bigint NOT NULL,
    "Status" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL
);


--
-- Name: __EFMigrationsHistory; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL
);


--
-- Data for Name: Assets; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."Assets" ("Id", "CardId", "ClipName", "SourceFileId", "CreatedAt", "Technical_Container", "Technical_DurationSeconds", "Technical_FrameRateNumerator", "Technical_FrameRateDenominator", "Technical_StartTimecode", "Technical_VideoCodec", "Technical_Width", "Technical_Height", "Technical_AudioStreams", "Technical_AudioLayout", "Qc_Status", "Qc_IntegratedLufs", "Qc_TruePeakDbtp", "Qc_Summary", "Technical_RecordedAt") VALUES ('aeda433d-c048-42f3-b245-bb31eed4019f', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C001_261121_R1AB', '4a2fcae9-7883-4b00-8703-eddcf8eae7f6', '2026-12-04 19:29:22.884989+00', 'mov,mp4,m4a,3gp,3g2,mj2', 9, 25, 1, '10:14:03:00', 'prores', 1280, 720, 1, '1 × pcm_s24le stereo 48 kHz', 'Warning', -20.5, -7.1, 'Frozen picture for 7.0 s from 2.0 s
Silence for 3.2 s from 0.0 s
Silence for 3.1 s from 5.9 s
Loudness -20.5 LUFS integrated
True peak -7.1 dBTP', '2026-11-21 10:14:03+00');
INSERT INTO public."Assets" ("Id", "CardId", "ClipName", "SourceFileId", "CreatedAt", "Technical_Container", "Technical_DurationSeconds", "Technical_FrameRateNumerator", "Technical_FrameRateDenominator", "Technical_StartTimecode", "Technical_VideoCodec", "Technical_Width", "Technical_Height", "Technical_AudioStreams", "Technical_AudioLayout", "Qc_Status", "Qc_IntegratedLufs", "Qc_TruePeakDbtp", "Qc_Summary", "Technical_RecordedAt") VALUES ('a65fc14e-2a2d-4ad8-88bf-5f410abe9310', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C003_261121_R1AB', '3d75459a-efdb-43b4-aa2e-18f508892bdd', '2026-12-04 19:29:22.884989+00', 'mov,mp4,m4a,3gp,3g2,mj2', 22, 25, 1, '11:02:15:00', 'prores', 1280, 720, 1, '1 × pcm_s24le stereo 48 kHz', 'Warning', -22.6, -9.9, 'Frozen picture for 20.0 s from 2.0 s
Silence for 3.7 s from 0.0 s
Silence for 6.5 s from 6.6 s
Silence for 6.7 s from 15.3 s
Loudness -22.6 LUFS integrated
True peak -9.9 dBTP', '2026-11-21 11:02:15+00');
INSERT INTO public."Assets" ("Id", "CardId", "ClipName", "SourceFileId", "CreatedAt", "Technical_Container", "Technical_DurationSeconds", "Technical_FrameRateNumerator", "Technical_FrameRateDenominator", "Technical_StartTimecode", "Technical_VideoCodec", "Technical_Width", "Technical_Height", "Technical_AudioStreams", "Technical_AudioLayout", "Qc_Status", "Qc_IntegratedLufs", "Qc_TruePeakDbtp", "Qc_Summary", "Technical_RecordedAt") VALUES ('51d9dc8a-ef77-4e99-a174-3b076add571d', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C002_261121_R1AB', '8ec09e32-464d-4a33-994d-422e5a558adb', '2026-12-04 19:29:22.884989+00', 'mov,mp4,m4a,3gp,3g2,mj2', 16, 25, 1, '10:21:40:12', 'prores', 1280, 720, 1, '1 × pcm_s24le stereo 48 kHz', 'Warning', -20.8, -8.6, 'Silence for 3.2 s from 0.0 s
Silence for 4.2 s from 6.0 s
Silence for 3.1 s from 12.9 s
Loudness -20.8 LUFS integrated
True peak -8.6 dBTP', '2026-11-21 10:21:40+00');
INSERT INTO public."Assets" ("Id", "CardId", "ClipName", "SourceFileId", "CreatedAt", "Technical_Container", "Technical_DurationSeconds", "Technical_FrameRateNumerator", "Technical_FrameRateDenominator", "Technical_StartTimecode", "Technical_VideoCodec", "Technical_Width", "Technical_Height", "Technical_AudioStreams", "Technical_AudioLayout", "Qc_Status", "Qc_IntegratedLufs", "Qc_TruePeakDbtp", "Qc_Summary", "Technical_RecordedAt") VALUES ('2824e781-8a00-43c5-b81c-fb9300c68154', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C004_261121_R1AB', 'f481736b-9c2f-4bb4-ae82-c5d393c0f43e', '2026-12-04 19:29:22.884989+00', 'mov,mp4,m4a,3gp,3g2,mj2', 6, 25, 1, '11:30:00:00', 'prores', 1280, 720, 0, NULL, 'Pass', NULL, NULL, 'No issues found.
No audio: loudness not measured.', '2026-11-21 11:30:00+00');


--
-- Data for Name: CardFiles; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('0b8fe808-f20a-45bf-b265-fbdd21296968', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'ascmhl/0001_A001R1AB_2026-12-04_192914Z.report.json', 3770, 'df9c66463d78a687', '{}', 'projects/Harbour Lights/cards/A001R1AB/ascmhl/0001_A001R1AB_2026-12-04_192914Z.report.json', 'Other', NULL);
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('14b0966b-4341-4f80-a2b5-5f6e6e00a7cb', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C003_261121_R1AB.xml', 798, '1dd41bc7c28e45c8', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C003_261121_R1AB.xml', 'Sidecar', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('18f4eca7-fda5-494b-baa5-140478a10ed1', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C004_261121_R1AB.xml', 777, '92d01a4d7bce937f', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C004_261121_R1AB.xml', 'Sidecar', '2824e781-8a00-43c5-b81c-fb9300c68154');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('3358290e-bba7-4805-9f27-8b908dc6a5c3', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001R1AB.xml', 940, '65704cd1e28bbe8d', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001R1AB.xml', 'Other', NULL);
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('3d75459a-efdb-43b4-aa2e-18f508892bdd', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C003_261121_R1AB.mov', 17901069, '547fb0f1223775b3', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C003_261121_R1AB.mov', 'Clip', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('4a2fcae9-7883-4b00-8703-eddcf8eae7f6', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C001_261121_R1AB.mov', 7559706, 'f2e544f990214b48', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C001_261121_R1AB.mov', 'Clip', 'aeda433d-c048-42f3-b245-bb31eed4019f');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('51998216-2abe-45cd-a952-206901438a8c', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'ascmhl/0001_A001R1AB_2026-12-04_192914Z.mhl', 3140, '2185b61dadef2dcf', '{}', 'projects/Harbour Lights/cards/A001R1AB/ascmhl/0001_A001R1AB_2026-12-04_192914Z.mhl', 'Other', NULL);
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('57726d0d-7065-43f0-857a-65dd7642dc31', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C001_261121_R1AB.xml', 796, '911885f54c37c826', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C001_261121_R1AB.xml', 'Sidecar', 'aeda433d-c048-42f3-b245-bb31eed4019f');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('837686b7-3548-49b5-9516-cb085f421208', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C002_261121_R1AB.xml', 797, '87f6c2318d6d3b74', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C002_261121_R1AB.xml', 'Sidecar', '51d9dc8a-ef77-4e99-a174-3b076add571d');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('8ec09e32-464d-4a33-994d-422e5a558adb', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C002_261121_R1AB.mov', 18313404, '01431bd97d0ed7b2', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C002_261121_R1AB.mov', 'Clip', '51d9dc8a-ef77-4e99-a174-3b076add571d');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('f481736b-9c2f-4bb4-ae82-c5d393c0f43e', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'A001C004_261121_R1AB.mov', 2608192, '8e4eb34699a907a0', '{}', 'projects/Harbour Lights/cards/A001R1AB/A001C004_261121_R1AB.mov', 'Clip', '2824e781-8a00-43c5-b81c-fb9300c68154');
INSERT INTO public."CardFiles" ("Id", "CardId", "RelativePath", "Size", "Xxh64", "OtherHashes", "StorageKey", "Role", "AssetId") VALUES ('f6692c8c-e13e-44e8-b8ac-296c8ee24bc2', '3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'ascmhl/ascmhl_chain.xml', 310, '33d01787e166bfe5', '{}', 'projects/Harbour Lights/cards/A001R1AB/ascmhl/ascmhl_chain.xml', 'Other', NULL);


--
-- Data for Name: Cards; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."Cards" ("Id", "ProjectId", "Name", "Camera", "Roll", "Dit", "SourceVolume", "OffloadedAt", "RegisteredAt") VALUES ('3793ffa0-2bd6-4fcf-9e68-0f353174dd69', 'aaceb8fe-69f4-4300-aa69-ba5d93c5566b', 'A001R1AB', 'A', 'A001', 'root', '/tmp/legacy-run/postgres/card/A001R1AB', '2026-12-04 19:29:15+00', '2026-12-04 19:29:22.884989+00');


--
-- Data for Name: ClipTags; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('021639cc-be43-43d3-8127-83283eacdc1e', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Qc', 'true peak', 0, 9, 1, 'ebur128', -7.1, 'True peak -7.1 dBTP');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('0c7dcb55-8404-4a30-95b4-8c731619e5cd', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Qc', 'silence', 5.9, 9, 1, 'silencedetect', 3.101, 'Silence for 3.1 s from 5.9 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('20a4ed94-457c-44d7-9c21-492776bbe27c', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Text', 'ROLL CAMA', 0, 2, 0.927, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('2dc279ab-63bb-4f31-ace9-2e6df8b33ae5', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Text', '2026-11-21', 0, 2, 0.962, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('54022cf9-f2fd-49d3-8a83-7f60f8e82b7b', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Text', '10:14:03:00', 0, 2, 0.904, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('667b0e65-e236-43b7-a3ff-2a4472e58a7b', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Qc', 'freeze', 2, 9, 1, 'freezedetect', 7, 'Frozen picture for 7.0 s from 2.0 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('689cb5ca-a5ce-40bb-9a95-35c4d58dc671', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Qc', 'silence', 0, 3.189, 1, 'silencedetect', 3.189, 'Silence for 3.2 s from 0.0 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('69a0e0ed-e756-486b-ba0c-86cfd7a24737', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Shot', 'shot 2', 2, 9, 1, 'scdet', 30.378, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('82652827-74e6-4998-b68e-5eb2ffc2fd2d', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Text', 'HARBOUR LIGHTS', 0, 2, 0.966, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('a55944de-4001-446d-bbec-42c1f532c76c', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Shot', 'shot 1', 0, 2, 1, 'scdet', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('a83a2f6b-cd23-4e69-8467-26e1958fa1ea', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Slate', 'scene 12 take 1', 0, 2, 0.925, 'tesseract', NULL, 'HARBOUR LIGHTS / ROLL CAMA / SCENE 12 TAKE 1 / 2026-11-21 / 10:14:03:00');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('de439497-b0e2-468b-a8b1-763c8f051e83', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Text', 'SCENE 12 TAKE 1', 0, 2, 0.899, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('f4e9d467-ee42-4b70-9d9c-f83f30341be9', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Qc', 'loudness', 0, 9, 1, 'ebur128', -20.5, 'Loudness -20.5 LUFS integrated');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('02d38190-1ebb-4c2a-92fb-ee7a26f58655', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Qc', 'true peak', 0, 22, 1, 'ebur128', -9.9, 'True peak -9.9 dBTP');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('1a9e5d48-26d1-4a3e-a7c4-fd35ef63b054', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Slate', 'scene 14 take 1', 0, 2, 0.947, 'tesseract', NULL, 'HARBOUR LIGHTS / ROLL CAMA / SCENE 14 TAKE 1 / 2026-11-21 / 11:02:15:00');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('326a701b-838b-4027-bac9-4b40b4b01e86', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Text', '11:02:15:00', 0, 2, 0.922, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('33c9a38e-0fa7-4586-a510-903ab2ecb177', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Qc', 'loudness', 0, 22, 1, 'ebur128', -22.6, 'Loudness -22.6 LUFS integrated');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('424cbbba-0bbc-4f49-a479-499a445be340', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Qc', 'silence', 6.646, 13.186, 1, 'silencedetect', 6.54, 'Silence for 6.5 s from 6.6 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('46cd85f7-54f9-4de7-a99d-378dfa9729d8', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Qc', 'silence', 15.316, 22, 1, 'silencedetect', 6.684, 'Silence for 6.7 s from 15.3 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('554be34b-4718-4e57-93b9-532086b344c3', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Qc', 'freeze', 2, 22, 1, 'freezedetect', 20, 'Frozen picture for 20.0 s from 2.0 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('673caa76-8847-4921-87b7-284096d06a9e', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Shot', 'shot 1', 0, 2, 1, 'scdet', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('932e83a8-7af6-45e1-8792-43b6e8736e70', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Shot', 'shot 2', 2, 22, 1, 'scdet', 30.361, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('9a004b11-661f-4ef4-b79e-fd31f44819da', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Text', '2026-11-21', 0, 2, 0.962, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('da3c1ef5-32fd-46ee-abab-c72ae24d5516', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Text', 'HARBOUR LIGHTS', 0, 2, 0.966, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('ebde8c6f-cdbb-4572-9747-2fba735a32a4', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Text', 'SCENE 14 TAKE 1', 0, 2, 0.951, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('f43eceb7-438f-4253-8086-3e9aa6c58ff9', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Qc', 'silence', 0, 3.703, 1, 'silencedetect', 3.703, 'Silence for 3.7 s from 0.0 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('ff2893b7-13fc-43c0-840b-6c433cf77f67', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Text', 'ROLL CAMA', 0, 2, 0.927, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('036240f4-0941-4e44-b408-f6257eeb401b', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Qc', 'silence', 0, 3.217, 1, 'silencedetect', 3.217, 'Silence for 3.2 s from 0.0 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('17dc331f-64ee-471a-9478-5730cf080f0c', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Qc', 'silence', 5.979, 10.189, 1, 'silencedetect', 4.211, 'Silence for 4.2 s from 6.0 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('4c186295-48f1-4bd6-9aa9-cfc7468e24f2', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Qc', 'true peak', 0, 16, 1, 'ebur128', -8.6, 'True peak -8.6 dBTP');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('60a935b6-830d-43e3-bea5-5a22a085a462', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Text', 'ROLL CAMA', 0, 2, 0.927, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('7bcd41a6-e332-4074-a7b1-29f66fd92e89', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Slate', 'scene 12 take 2', 0, 2, 0.949, 'tesseract', NULL, 'HARBOUR LIGHTS / ROLL CAMA / SCENE 12 TAKE 2 / 2026-11-21 / 10:21:41:12');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('8773dd2d-1293-4151-99c4-d5983e67ef2f', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Text', 'SCENE 12 TAKE 2', 0, 2, 0.956, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('9e6209d2-ded0-467b-84d9-e26b283b8a7f', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Shot', 'shot 1', 0, 2, 1, 'scdet', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('a6261c9f-3dd4-489e-b78b-50792ecec244', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Text', '2026-11-21', 0, 2, 0.962, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('a834f48d-26d8-4acf-a2cd-a29bb3749b09', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Text', '10:21:41:12', 0, 2, 0.92, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('bb19ee07-fea7-48f2-8575-a8a575defd53', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Qc', 'silence', 12.897, 16, 1, 'silencedetect', 3.103, 'Silence for 3.1 s from 12.9 s');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('c860f2fc-8b3b-4d34-bb62-2982bcfe0062', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Qc', 'loudness', 0, 16, 1, 'ebur128', -20.8, 'Loudness -20.8 LUFS integrated');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('cd7c2423-af27-4f61-972c-0fba4750e01b', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Shot', 'shot 2', 2, 16, 1, 'scdet', 36.845, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('e277c4fe-ade9-4532-83a1-b0847e6cf2c0', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Text', '150', 6, 8.5, 0.81, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('fd14c352-b4ef-4103-b531-87d1f5e63bd9', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Text', 'HARBOUR LIGHTS', 0, 2, 0.966, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('30f2661c-e7b0-4baa-877b-766bb10248f7', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Text', 'ROLL CAMA', 0, 2, 0.927, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('4340a902-dd2c-43a1-b6ed-f745cf2787f3', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Text', 'SCENE 15 TAKE 1', 0, 2, 0.935, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('8dde8951-6b77-4cc3-a438-1ba9ca48e7f9', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Text', '2026-11-21', 0, 2, 0.962, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('c8b44bc2-597d-4ca3-b1cd-6ccbc45486ff', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Text', '11:30:01:00', 0, 2, 0.914, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('eaee476b-c3bb-4594-a88b-73274510bffa', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Slate', 'scene 15 take 1', 0, 2, 0.94, 'tesseract', NULL, 'HARBOUR LIGHTS / ROLL CAMA / SCENE 15 TAKE 1 / 2026-11-21 / 11:30:01:00');
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('f12c1534-8830-4ca4-9ede-05d36bce7507', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Shot', 'shot 1', 0, 2, 1, 'scdet', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('f84a48d6-231b-4986-b95b-6f1a429e57ee', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Text', 'HARBOUR LIGHTS', 0, 2, 0.966, 'tesseract', NULL, NULL);
INSERT INTO public."ClipTags" ("Id", "AssetId", "Kind", "Label", "Start", "End", "Confidence", "Source", "Value", "Detail") VALUES ('f89b0b8f-99dd-495c-9019-c51ec5089d67', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Shot', 'shot 2', 2, 6, 1, 'scdet', 29.507, NULL);


--
-- Data for Name: PipelineStages; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('05019d14-e9d4-4b94-8513-e9950b8def2a', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Probe', 'Done', 1, NULL, 'prores 1280×720, 22 s, audio: 1 × pcm_s24le stereo 48 kHz', '2026-12-04 19:29:25.887536+00', '2026-12-04 19:29:28.068024+00', '2026-12-04 19:29:28.068024+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('42a67535-d379-408f-9ac7-812c63cbc5ab', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Probe', 'Done', 1, NULL, 'prores 1280×720, 9 s, audio: 1 × pcm_s24le stereo 48 kHz', '2026-12-04 19:29:25.51059+00', '2026-12-04 19:29:28.06897+00', '2026-12-04 19:29:28.06897+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('70aedc3c-836f-4285-8b20-a82912f446e6', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Probe', 'Done', 1, NULL, 'prores 1280×720, 16 s, audio: 1 × pcm_s24le stereo 48 kHz', '2026-12-04 19:29:25.849691+00', '2026-12-04 19:29:28.196283+00', '2026-12-04 19:29:28.196283+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('836b3de6-cece-44d3-82df-e92400aeaf61', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Probe', 'Done', 1, NULL, 'prores 1280×720, 6 s, audio: none', '2026-12-04 19:29:25.926872+00', '2026-12-04 19:29:28.579694+00', '2026-12-04 19:29:28.579694+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('a0aadd02-bf5c-4dad-9891-2ac80090d92b', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Proxy', 'Done', 1, NULL, 'Proxy, poster and filmstrip made.', '2026-12-04 19:29:28.353448+00', '2026-12-04 19:29:42.972898+00', '2026-12-04 19:29:42.972898+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('563582b3-149a-42a2-87d2-84019f3660f0', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Transcribe', 'Done', 1, NULL, '2 phrases, 19 words (pocketsphinx).', '2026-12-04 19:29:28.413064+00', '2026-12-04 19:30:03.977412+00', '2026-12-04 19:30:03.977412+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('00ae461f-d236-4a78-94af-77eba647fe36', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Analyse', 'Done', 1, NULL, '2 shots · slate scene 12 take 1 · 5 on-screen texts · QC warning', '2026-12-04 19:29:43.093997+00', '2026-12-04 19:30:17.488675+00', '2026-12-04 19:30:17.488675+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('cc2b2b47-f1f5-4c53-8820-a81bb3aae352', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Proxy', 'Done', 1, NULL, 'Proxy, poster and filmstrip made.', '2026-12-04 19:29:43.035217+00', '2026-12-04 19:30:17.676177+00', '2026-12-04 19:30:17.676177+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('7be7052e-7db1-4f2a-9952-44ab43aa7b56', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Transcribe', 'Done', 1, NULL, '1 phrases, 9 words (pocketsphinx).', '2026-12-04 19:30:03.998923+00', '2026-12-04 19:30:25.556127+00', '2026-12-04 19:30:25.556127+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('ea41d651-e2aa-4196-8f50-0171be4d8a30', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Index', 'Done', 1, NULL, 'Indexed with 1 transcript phrases and 6 time-coded tags.', '2026-12-04 19:30:25.603024+00', '2026-12-04 19:30:26.997396+00', '2026-12-04 19:30:26.997396+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('74451fe6-b717-4029-b60b-e3236b859c4d', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Proxy', 'Done', 1, NULL, 'Proxy, poster and filmstrip made.', '2026-12-04 19:30:17.680735+00', '2026-12-04 19:30:51.120011+00', '2026-12-04 19:30:51.120011+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('23a9821c-f4f9-4cf4-a6c7-dde86354d800', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Proxy', 'Done', 1, NULL, 'Proxy, poster and filmstrip made.', '2026-12-04 19:30:51.149234+00', '2026-12-04 19:31:05.385311+00', '2026-12-04 19:31:05.385311+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('f023947c-2de4-4f24-99a0-f568580d028a', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Transcribe', 'Done', 1, NULL, '2 phrases, 21 words (pocketsphinx).', '2026-12-04 19:30:25.609106+00', '2026-12-04 19:31:10.364546+00', '2026-12-04 19:31:10.364546+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('2606fb84-0a3b-4d1d-892f-0d82a01c4122', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Transcribe', 'Skipped', 1, NULL, 'The clip has no audio stream.', '2026-12-04 19:31:10.384182+00', '2026-12-04 19:31:10.390708+00', '2026-12-04 19:31:10.390708+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('a4fd0947-3151-41fb-a5b3-904563dabb6a', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Analyse', 'Done', 1, NULL, '2 shots · slate scene 14 take 1 · 5 on-screen texts · QC warning', '2026-12-04 19:30:17.696356+00', '2026-12-04 19:31:10.560018+00', '2026-12-04 19:31:10.560018+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('c586590d-9780-462d-94cb-ba334d699cd5', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Index', 'Done', 1, NULL, 'Indexed with 2 transcript phrases and 6 time-coded tags.', '2026-12-04 19:31:10.565107+00', '2026-12-04 19:31:10.589858+00', '2026-12-04 19:31:10.589858+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('dae465df-cfa3-4a17-bdd4-bb43cbf38a41', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Index', 'Done', 1, NULL, 'Indexed with 0 transcript phrases and 6 time-coded tags.', '2026-12-04 19:31:35.044051+00', '2026-12-04 19:31:35.18119+00', '2026-12-04 19:31:35.18119+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('02a79c35-5292-4031-a113-08057716241f', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Analyse', 'Done', 1, NULL, '2 shots · slate scene 12 take 2 · 6 on-screen texts · QC warning', '2026-12-04 19:31:10.569891+00', '2026-12-04 19:31:28.695428+00', '2026-12-04 19:31:28.695428+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('511ec778-a8ec-4a8a-abba-11bb2f1d3333', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Index', 'Done', 1, NULL, 'Indexed with 2 transcript phrases and 7 time-coded tags.', '2026-12-04 19:31:28.733254+00', '2026-12-04 19:31:28.872162+00', '2026-12-04 19:31:28.872162+00');
INSERT INTO public."PipelineStages" ("Id", "AssetId", "Stage", "Status", "Attempts", "LastError", "Note", "StartedAt", "FinishedAt", "UpdatedAt") VALUES ('36ba0c37-0e17-4b01-a70a-310b503ed764', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Analyse', 'Done', 1, NULL, '2 shots · slate scene 15 take 1 · 5 on-screen texts · QC pass', '2026-12-04 19:31:28.712875+00', '2026-12-04 19:31:35.039155+00', '2026-12-04 19:31:35.039155+00');


--
-- Data for Name: Projects; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."Projects" ("Id", "Name", "CreatedAt") VALUES ('aaceb8fe-69f4-4300-aa69-ba5d93c5566b', 'Harbour Lights', '2026-12-04 19:29:22.884989+00');


--
-- Data for Name: Renditions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('1a6ed880-f43d-49eb-b53f-eeada9e5ec8d', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Filmstrip', 'renditions/aeda433d-c048-42f3-b245-bb31eed4019f/filmstrip/filmstrip.jpg', 'image/jpeg', 24459, '2026-12-04 19:29:42.630077+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('6d6cd8d2-6af8-4539-8406-8026214d3662', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Poster', 'renditions/aeda433d-c048-42f3-b245-bb31eed4019f/poster/poster.jpg', 'image/jpeg', 17248, '2026-12-04 19:29:42.630077+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('9417e6a9-5405-4ecd-8c15-d2ea080a6caa', 'aeda433d-c048-42f3-b245-bb31eed4019f', 'Proxy', 'renditions/aeda433d-c048-42f3-b245-bb31eed4019f/proxy/A001C001_261121_R1AB.mp4', 'video/mp4', 116054, '2026-12-04 19:29:42.630077+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('15ff7e63-4639-480c-a268-84166fbcc419', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Poster', 'renditions/a65fc14e-2a2d-4ad8-88bf-5f410abe9310/poster/poster.jpg', 'image/jpeg', 17248, '2026-12-04 19:30:17.548363+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('7607f58d-3909-41ae-b888-16c09ef536b0', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Filmstrip', 'renditions/a65fc14e-2a2d-4ad8-88bf-5f410abe9310/filmstrip/filmstrip.jpg', 'image/jpeg', 24063, '2026-12-04 19:30:17.548363+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('d562004a-83bc-4b77-875e-9ec3d2725079', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 'Proxy', 'renditions/a65fc14e-2a2d-4ad8-88bf-5f410abe9310/proxy/A001C003_261121_R1AB.mp4', 'video/mp4', 230882, '2026-12-04 19:30:17.548363+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('1351f58c-99a5-4a8e-af02-6f0eff017d2a', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Poster', 'renditions/51d9dc8a-ef77-4e99-a174-3b076add571d/poster/poster.jpg', 'image/jpeg', 45207, '2026-12-04 19:30:50.934464+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('497d869c-1b70-476e-9fcc-7dfeacc7caa1', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Proxy', 'renditions/51d9dc8a-ef77-4e99-a174-3b076add571d/proxy/A001C002_261121_R1AB.mp4', 'video/mp4', 1451119, '2026-12-04 19:30:50.934464+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('ad72a39a-a19e-4a10-8b56-8fbc232b30b6', '51d9dc8a-ef77-4e99-a174-3b076add571d', 'Filmstrip', 'renditions/51d9dc8a-ef77-4e99-a174-3b076add571d/filmstrip/filmstrip.jpg', 'image/jpeg', 32535, '2026-12-04 19:30:50.934464+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('2ad42305-f5b4-4ad8-8bf5-3ed70f00d413', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Filmstrip', 'renditions/2824e781-8a00-43c5-b81c-fb9300c68154/filmstrip/filmstrip.jpg', 'image/jpeg', 11008, '2026-12-04 19:31:05.224671+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('34239cea-ddca-4887-b1c9-d6e0c6e5c3dd', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Proxy', 'renditions/2824e781-8a00-43c5-b81c-fb9300c68154/proxy/A001C004_261121_R1AB.mp4', 'video/mp4', 104415, '2026-12-04 19:31:05.224671+00');
INSERT INTO public."Renditions" ("Id", "AssetId", "Kind", "StorageKey", "ContentType", "Size", "CreatedAt") VALUES ('46d4e691-666f-4b87-8da8-8833cbfe9597', '2824e781-8a00-43c5-b81c-fb9300c68154', 'Poster', 'renditions/2824e781-8a00-43c5-b81c-fb9300c68154/poster/poster.jpg', 'image/jpeg', 9055, '2026-12-04 19:31:05.224671+00');


--
-- Data for Name: TranscriptSegments; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."TranscriptSegments" ("Id", "AssetId", "Sequence", "Start", "End", "Text", "Engine", "Words", "Confidence") VALUES ('ab104f66-1aca-41a0-a355-a1a660a35302', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 0, 3.6725000000000003, 6.692500000000001, 'she said that the train would leave at seven in the morning', 'pocketsphinx', '[{"Word":"she","Start":3.6725000000000003,"End":3.9525,"Confidence":0.9997},{"Word":"said","Start":3.9625000000000004,"End":4.2225,"Confidence":0.9995},{"Word":"that","Start":4.2325,"End":4.4025,"Confidence":0.833834},{"Word":"the","Start":4.4125,"End":4.4925,"Confidence":0.91933},{"Word":"train","Start":4.5025,"End":5.0525,"Confidence":0.94771},{"Word":"would","Start":5.1125,"End":5.282500000000001,"Confidence":0.980785},{"Word":"leave","Start":5.2925,"End":5.5024999999999995,"Confidence":0.746818},{"Word":"at","Start":5.5125,"End":5.6225000000000005,"Confidence":0.155888},{"Word":"seven","Start":5.6325,"End":5.9725,"Confidence":1},{"Word":"in","Start":5.9825,"End":6.0825,"Confidence":0.447673},{"Word":"the","Start":6.0925,"End":6.1525,"Confidence":0.535383},{"Word":"morning","Start":6.1625,"End":6.692500000000001,"Confidence":1}]', 0.7972184166666666);
INSERT INTO public."TranscriptSegments" ("Id", "AssetId", "Sequence", "Start", "End", "Text", "Engine", "Words", "Confidence") VALUES ('db53566e-3680-4b78-a773-096ae69d747f', 'a65fc14e-2a2d-4ad8-88bf-5f410abe9310', 1, 13.1725, 15.352500000000001, 'my brother sold his car last summer', 'pocketsphinx', '[{"Word":"my","Start":13.1725,"End":13.352500000000001,"Confidence":0.972191},{"Word":"brother","Start":13.3625,"End":13.7025,"Confidence":0.998701},{"Word":"sold","Start":13.7125,"End":14.0425,"Confidence":0.329286},{"Word":"his","Start":14.0525,"End":14.2225,"Confidence":0.907637},{"Word":"car","Start":14.2325,"End":14.5025,"Confidence":0.9989},{"Word":"last","Start":14.5125,"End":14.852500000000001,"Confidence":1.0001},{"Word":"summer","Start":14.8625,"End":15.352500000000001,"Confidence":1}]', 0.8866878571428571);
INSERT INTO public."TranscriptSegments" ("Id", "AssetId", "Sequence", "Start", "End", "Text", "Engine", "Words", "Confidence") VALUES ('82a96277-331e-457f-9bb7-3094056e8b70', 'aeda433d-c048-42f3-b245-bb31eed4019f', 0, 3.16962, 5.92962, 'the harbour lights were burning when that came home', 'pocketsphinx', '[{"Word":"the","Start":3.16962,"End":3.2396200000000004,"Confidence":0.912187},{"Word":"harbour","Start":3.24962,"End":3.62962,"Confidence":0.992924},{"Word":"lights","Start":3.6396200000000003,"End":3.92962,"Confidence":0.996207},{"Word":"were","Start":3.93962,"End":4.08962,"Confidence":0.687053},{"Word":"burning","Start":4.09962,"End":4.6496200000000005,"Confidence":0.9996},{"Word":"when","Start":4.73962,"End":4.8996200000000005,"Confidence":0.216671},{"Word":"that","Start":4.90962,"End":5.20962,"Confidence":0.25863},{"Word":"came","Start":5.21962,"End":5.51962,"Confidence":0.9995},{"Word":"home","Start":5.5296199999999995,"End":5.92962,"Confidence":0.9998}]', 0.7847302222222221);
INSERT INTO public."TranscriptSegments" ("Id", "AssetId", "Sequence", "Start", "End", "Text", "Engine", "Words", "Confidence") VALUES ('c03f31aa-48a5-41df-a40b-0d63d58c4b4c', '51d9dc8a-ef77-4e99-a174-3b076add571d', 1, 10.151, 12.901, 'the children were playing in the park with the red ball', 'pocketsphinx', '[{"Word":"the","Start":10.151,"End":10.251000000000001,"Confidence":0.932666},{"Word":"children","Start":10.261,"End":10.690999999999999,"Confidence":0.9999},{"Word":"were","Start":10.701,"End":10.881,"Confidence":0.945249},{"Word":"playing","Start":10.891,"End":11.361,"Confidence":1.0001},{"Word":"in","Start":11.371,"End":11.451,"Confidence":0.982945},{"Word":"the","Start":11.461,"End":11.531,"Confidence":0.93828},{"Word":"park","Start":11.541,"End":11.951,"Confidence":0.78472},{"Word":"with","Start":12.021,"End":12.201,"Confidence":1.0002},{"Word":"the","Start":12.211,"End":12.291,"Confidence":0.789601},{"Word":"red","Start":12.301,"End":12.501,"Confidence":0.919698},{"Word":"ball","Start":12.511,"End":12.901,"Confidence":0.737392}]', 0.9118864545454545);
INSERT INTO public."TranscriptSegments" ("Id", "AssetId", "Sequence", "Start", "End", "Text", "Engine", "Words", "Confidence") VALUES ('c727fda2-7278-4c8f-b428-a7a0b5ba47a5', '51d9dc8a-ef77-4e99-a174-3b076add571d', 0, 3.191, 6.031000000000001, 'please bring the green bag to the kitchen before dinner', 'pocketsphinx', '[{"Word":"please","Start":3.191,"End":3.4610000000000003,"Confidence":0.9998},{"Word":"bring","Start":3.471,"End":3.741,"Confidence":1.0001},{"Word":"the","Start":3.7510000000000003,"End":3.821,"Confidence":0.523837},{"Word":"green","Start":3.8310000000000004,"End":4.121,"Confidence":0.895375},{"Word":"bag","Start":4.131,"End":4.491,"Confidence":0.89082},{"Word":"to","Start":4.501,"End":4.731,"Confidence":0.586806},{"Word":"the","Start":4.741,"End":4.821,"Confidence":1},{"Word":"kitchen","Start":4.8309999999999995,"End":5.221,"Confidence":0.9999},{"Word":"before","Start":5.231,"End":5.561,"Confidence":0.895823},{"Word":"dinner","Start":5.571,"End":6.031000000000001,"Confidence":1}]', 0.8792460999999999);


--
-- Data for Name: UploadSessions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('ef275152-0c6e-4527-ac2e-1c155bcaa994', 'Harbour Lights', 'A001R1AB', 'A001C002_261121_R1AB.xml', 'projects/Harbour Lights/cards/A001R1AB/A001C002_261121_R1AB.xml', 797, '87f6c2318d6d3b74', '23389f7781384529ab257847fa94e5b7', 16777216, 'Complete', '2026-12-04 19:29:17.823372+00', '2026-12-04 19:29:18.607705+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('ef8d2077-e8d9-4655-b12d-a23e6f925af7', 'Harbour Lights', 'A001R1AB', 'A001C001_261121_R1AB.xml', 'projects/Harbour Lights/cards/A001R1AB/A001C001_261121_R1AB.xml', 796, '911885f54c37c826', 'cac50b1d417b43909e40d4125d4b65f9', 16777216, 'Complete', '2026-12-04 19:29:16.77324+00', '2026-12-04 19:29:18.61923+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('678d098c-7b84-4f80-aae3-9a13197449f2', 'Harbour Lights', 'A001R1AB', 'A001C001_261121_R1AB.mov', 'projects/Harbour Lights/cards/A001R1AB/A001C001_261121_R1AB.mov', 7559706, 'f2e544f990214b48', '5ee0488ad1b540e8a60d6b385b6840aa', 16777216, 'Complete', '2026-12-04 19:29:17.831059+00', '2026-12-04 19:29:18.712219+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('0ccd6a0d-7d48-4e17-b2fb-a5af10809ab9', 'Harbour Lights', 'A001R1AB', 'A001C003_261121_R1AB.xml', 'projects/Harbour Lights/cards/A001R1AB/A001C003_261121_R1AB.xml', 798, '1dd41bc7c28e45c8', '7f55d48ec55644c09e25e15814e55dda', 16777216, 'Complete', '2026-12-04 19:29:18.809252+00', '2026-12-04 19:29:19.144585+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('cff71d2c-da36-442c-ad86-4b31a651fb92', 'Harbour Lights', 'A001R1AB', 'A001C002_261121_R1AB.mov', 'projects/Harbour Lights/cards/A001R1AB/A001C002_261121_R1AB.mov', 18313404, '01431bd97d0ed7b2', '516c69256256486ab0c1d090ba7d2dd4', 16777216, 'Complete', '2026-12-04 19:29:17.794797+00', '2026-12-04 19:29:19.641368+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('38c0c5c5-9402-4d5c-b890-09b4ae57151e', 'Harbour Lights', 'A001R1AB', 'A001C004_261121_R1AB.mov', 'projects/Harbour Lights/cards/A001R1AB/A001C004_261121_R1AB.mov', 2608192, '8e4eb34699a907a0', '12cf91eb140f4feca3531e54dc6b25d8', 16777216, 'Complete', '2026-12-04 19:29:18.828678+00', '2026-12-04 19:29:19.946742+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('3a79a3c3-dff7-45fb-b7aa-b93abb4e3fad', 'Harbour Lights', 'A001R1AB', 'A001C004_261121_R1AB.xml', 'projects/Harbour Lights/cards/A001R1AB/A001C004_261121_R1AB.xml', 777, '92d01a4d7bce937f', '75dadf1f3dec41629062d2b327797d28', 16777216, 'Complete', '2026-12-04 19:29:19.424266+00', '2026-12-04 19:29:19.996755+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('0a386cf3-1089-4d01-8828-d67450ed8462', 'Harbour Lights', 'A001R1AB', 'A001R1AB.xml', 'projects/Harbour Lights/cards/A001R1AB/A001R1AB.xml', 940, '65704cd1e28bbe8d', 'b620492eedaa4fd786b3b48c5e50f8f6', 16777216, 'Complete', '2026-12-04 19:29:19.775281+00', '2026-12-04 19:29:20.016374+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('a77c0a45-9319-46ba-a744-631163a9dbc5', 'Harbour Lights', 'A001R1AB', 'ascmhl/0001_A001R1AB_2026-12-04_192914Z.mhl', 'projects/Harbour Lights/cards/A001R1AB/ascmhl/0001_A001R1AB_2026-12-04_192914Z.mhl', 3140, '2185b61dadef2dcf', '6907d1ca3acb49e1a3485cbdffff809d', 16777216, 'Complete', '2026-12-04 19:29:20.268283+00', '2026-12-04 19:29:20.508768+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('52709268-ff1e-4db5-a866-302b9b6d0fb7', 'Harbour Lights', 'A001R1AB', 'ascmhl/0001_A001R1AB_2026-12-04_192914Z.report.json', 'projects/Harbour Lights/cards/A001R1AB/ascmhl/0001_A001R1AB_2026-12-04_192914Z.report.json', 3770, 'df9c66463d78a687', '4187346920484d68bd2c7877375c2394', 16777216, 'Complete', '2026-12-04 19:29:20.318096+00', '2026-12-04 19:29:20.599792+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('de20e37d-e1ec-4d51-8bc4-25c95a66ba05', 'Harbour Lights', 'A001R1AB', 'ascmhl/ascmhl_chain.xml', 'projects/Harbour Lights/cards/A001R1AB/ascmhl/ascmhl_chain.xml', 310, '33d01787e166bfe5', 'f9f9bba8dc544e3d8e118cf7dfde174f', 16777216, 'Complete', '2026-12-04 19:29:20.316921+00', '2026-12-04 19:29:20.57472+00');
INSERT INTO public."UploadSessions" ("Id", "Project", "Card", "RelativePath", "StorageKey", "Size", "Xxh64", "StoreUploadId", "PartSize", "Status", "CreatedAt", "UpdatedAt") VALUES ('1be35a48-0ed3-41d9-909f-94577ab552c5', 'Harbour Lights', 'A001R1AB', 'A001C003_261121_R1AB.mov', 'projects/Harbour Lights/cards/A001R1AB/A001C003_261121_R1AB.mov', 17901069, '547fb0f1223775b3', '05d37c6622a24386a15b05c0db732482', 16777216, 'Complete', '2026-12-04 19:29:18.764027+00', '2026-12-04 19:29:21.680053+00');


--
-- Data for Name: __EFMigrationsHistory; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261121000000_InitialCatalog', '10.0.11');
INSERT INTO public."__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261121010000_UploadSessions', '10.0.11');
INSERT INTO public."__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261121020000_CardFilesByAsset', '10.0.11');
INSERT INTO public."__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261121030000_ClipAnalysis', '10.0.11');


--
-- Name: Assets PK_Assets; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Assets"
    ADD CONSTRAINT "PK_Assets" PRIMARY KEY ("Id");


--
-- Name: CardFiles PK_CardFiles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CardFiles"
    ADD CONSTRAINT "PK_CardFiles" PRIMARY KEY ("Id");


--
-- Name: Cards PK_Cards; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Cards"
    ADD CONSTRAINT "PK_Cards" PRIMARY KEY ("Id");


--
-- Name: ClipTags PK_ClipTags; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ClipTags"
    ADD CONSTRAINT "PK_ClipTags" PRIMARY KEY ("Id");


--
-- Name: PipelineStages PK_PipelineStages; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."PipelineStages"
    ADD CONSTRAINT "PK_PipelineStages" PRIMARY KEY ("Id");


--
-- Name: Projects PK_Projects; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Projects"
    ADD CONSTRAINT "PK_Projects" PRIMARY KEY ("Id");


--
-- Name: Renditions PK_Renditions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Renditions"
    ADD CONSTRAINT "PK_Renditions" PRIMARY KEY ("Id");


--
-- Name: TranscriptSegments PK_TranscriptSegments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TranscriptSegments"
    ADD CONSTRAINT "PK_TranscriptSegments" PRIMARY KEY ("Id");


--
-- Name: UploadSessions PK_UploadSessions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."UploadSessions"
    ADD CONSTRAINT "PK_UploadSessions" PRIMARY KEY ("Id");


--
-- Name: __EFMigrationsHistory PK___EFMigrationsHistory; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."__EFMigrationsHistory"
    ADD CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId");


--
-- Name: IX_Assets_CardId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Assets_CardId" ON public."Assets" USING btree ("CardId");


--
-- Name: IX_Assets_CreatedAt; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Assets_CreatedAt" ON public."Assets" USING btree ("CreatedAt");


--
-- Name: IX_Assets_SourceFileId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Assets_SourceFileId" ON public."Assets" USING btree ("SourceFileId");


--
-- Name: IX_CardFiles_AssetId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CardFiles_AssetId" ON public."CardFiles" USING btree ("AssetId");


--
-- Name: IX_CardFiles_CardId_RelativePath; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_CardFiles_CardId_RelativePath" ON public."CardFiles" USING btree ("CardId", "RelativePath");


--
-- Name: IX_CardFiles_StorageKey; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CardFiles_StorageKey" ON public."CardFiles" USING btree ("StorageKey");


--
-- Name: IX_Cards_ProjectId_Name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Cards_ProjectId_Name" ON public."Cards" USING btree ("ProjectId", "Name");


--
-- Name: IX_ClipTags_AssetId_Kind_Start; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ClipTags_AssetId_Kind_Start" ON public."ClipTags" USING btree ("AssetId", "Kind", "Start");


--
-- Name: IX_PipelineStages_AssetId_Stage; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_PipelineStages_AssetId_Stage" ON public."PipelineStages" USING btree ("AssetId", "Stage");


--
-- Name: IX_PipelineStages_Status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_PipelineStages_Status" ON public."PipelineStages" USING btree ("Status");


--
-- Name: IX_Projects_Name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Projects_Name" ON public."Projects" USING btree ("Name");


--
-- Name: IX_Renditions_AssetId_Kind; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Renditions_AssetId_Kind" ON public."Renditions" USING btree ("AssetId", "Kind");


--
-- Name: IX_TranscriptSegments_AssetId_Sequence; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_TranscriptSegments_AssetId_Sequence" ON public."TranscriptSegments" USING btree ("AssetId", "Sequence");


--
-- Name: IX_UploadSessions_StorageKey_Status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_UploadSessions_StorageKey_Status" ON public."UploadSessions" USING btree ("StorageKey", "Status");


--
-- Name: Assets FK_Assets_CardFiles_SourceFileId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Assets"
    ADD CONSTRAINT "FK_Assets_CardFiles_SourceFileId" FOREIGN KEY ("SourceFileId") REFERENCES public."CardFiles"("Id") ON DELETE RESTRICT;


--
-- Name: Assets FK_Assets_Cards_CardId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Assets"
    ADD CONSTRAINT "FK_Assets_Cards_CardId" FOREIGN KEY ("CardId") REFERENCES public."Cards"("Id") ON DELETE CASCADE;


--
-- Name: CardFiles FK_CardFiles_Cards_CardId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CardFiles"
    ADD CONSTRAINT "FK_CardFiles_Cards_CardId" FOREIGN KEY ("CardId") REFERENCES public."Cards"("Id") ON DELETE CASCADE;


--
-- Name: Cards FK_Cards_Projects_ProjectId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Cards"
    ADD CONSTRAINT "FK_Cards_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES public."Projects"("Id") ON DELETE CASCADE;


--
-- Name: ClipTags FK_ClipTags_Assets_AssetId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ClipTags"
    ADD CONSTRAINT "FK_ClipTags_Assets_AssetId" FOREIGN KEY ("AssetId") REFERENCES public."Assets"("Id") ON DELETE CASCADE;


--
-- Name: PipelineStages FK_PipelineStages_Assets_AssetId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."PipelineStages"
    ADD CONSTRAINT "FK_PipelineStages_Assets_AssetId" FOREIGN KEY ("AssetId") REFERENCES public."Assets"("Id") ON DELETE CASCADE;


--
-- Name: Renditions FK_Renditions_Assets_AssetId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Renditions"
    ADD CONSTRAINT "FK_Renditions_Assets_AssetId" FOREIGN KEY ("AssetId") REFERENCES public."Assets"("Id") ON DELETE CASCADE;


--
-- Name: TranscriptSegments FK_TranscriptSegments_Assets_AssetId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TranscriptSegments"
    ADD CONSTRAINT "FK_TranscriptSegments_Assets_AssetId" FOREIGN KEY ("AssetId") REFERENCES public."Assets"("Id") ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict df110lkZ6dyv4x3VqM4WaLMPhaUlaksnP6F2wkmwdpREoKnin1E8Kup2pmyAL1B

